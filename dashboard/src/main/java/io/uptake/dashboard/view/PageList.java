package io.uptake.dashboard.view;

import io.uptake.dashboard.auth.Role;
import java.util.List;
import java.util.Optional;

/** The app's pages in navigation order, as the web layer needs them: which a role may open, and by id. */
public record PageList(List<Page> pages) {

    public PageList {
        pages = List.copyOf(pages);
    }

    /** The ids of the pages a role may open, in navigation order. */
    public List<String> allowedTo(Role role) {
        return pages.stream().filter(p -> p.allows(role)).map(Page::id).toList();
    }

    /** The page of an id ({@code training}), if there is one. */
    public Optional<Page> of(String id) {
        return pages.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
