package io.uptake.dashboard.pages;

import io.uptake.dashboard.adoption.AdoptionPage;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.overview.OverviewPage;
import io.uptake.dashboard.quality.QualityPage;
import io.uptake.dashboard.roi.RoiPage;
import io.uptake.dashboard.rollout.RolloutPage;
import io.uptake.dashboard.training.TrainingPage;
import io.uptake.dashboard.view.Page;
import java.util.List;
import java.util.Set;

/**
 * The six pages of PRODUCT.md, in navigation order, and the roles that may open them: executives
 * every page; trainers adoption, training and quality; leads every page with team data, which leaves
 * out ROI (organisation-wide money, no team in it). The app registers each page's route, HTML and API
 * from this list, and from nowhere else.
 */
public final class Pages {

    public static final Page OVERVIEW = new Page("overview", Set.of(Role.EXECUTIVE, Role.LEAD), OverviewPage::view);
    public static final Page ADOPTION = new Page("adoption", Set.of(Role.EXECUTIVE, Role.TRAINER, Role.LEAD), AdoptionPage::view);
    public static final Page TRAINING = new Page("training", Set.of(Role.EXECUTIVE, Role.TRAINER, Role.LEAD), TrainingPage::view);
    public static final Page QUALITY = new Page("quality", Set.of(Role.EXECUTIVE, Role.TRAINER, Role.LEAD), QualityPage::view);
    public static final Page ROLLOUT = new Page("rollout", Set.of(Role.EXECUTIVE, Role.LEAD), RolloutPage::view);
    public static final Page ROI = new Page("roi", Set.of(Role.EXECUTIVE), RoiPage::view);

    public static final List<Page> ALL = List.of(OVERVIEW, ADOPTION, TRAINING, QUALITY, ROLLOUT, ROI);

    private Pages() {}
}
