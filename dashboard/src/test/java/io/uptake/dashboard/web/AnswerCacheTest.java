package io.uptake.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache on its own, with hand-made answers of 100 bytes: its budget, its snapshot and its keys. */
class AnswerCacheTest {

    /** An entry of 100 JSON bytes and no filter values costs 100 + 512 bytes. */
    static final int ENTRY = 612;
    static final Scope EXECUTIVE = new Scope(Role.EXECUTIVE, List.of());

    final List<String> built = new ArrayList<>();

    @Test
    void keepsWithinItsBudgetByDroppingTheLeastRecentlyUsedAnswer() throws IOException {
        ServingSnapshot snapshot = snapshot("run-1");
        AnswerCache cache = new AnswerCache(3 * ENTRY + 10);
        for (String page : List.of("overview", "adoption", "training")) {
            ask(cache, snapshot, page);
        }
        ask(cache, snapshot, "overview");
        ask(cache, snapshot, "quality");

        assertThat(cache.size()).isEqualTo(3);
        assertThat(built).containsExactly("overview", "adoption", "training", "quality");
        ask(cache, snapshot, "overview");
        ask(cache, snapshot, "training");
        ask(cache, snapshot, "adoption");
        assertThat(built).containsExactly("overview", "adoption", "training", "quality", "adoption");
    }

    @Test
    void aNewSnapshotDropsEveryAnswerOfTheOldOne() throws IOException {
        ServingSnapshot first = snapshot("run-1");
        ServingSnapshot second = snapshot("run-2");
        AnswerCache cache = new AnswerCache(AnswerCache.DEFAULT_MAX_BYTES);
        ask(cache, first, "overview");
        ask(cache, first, "adoption");

        ask(cache, second, "overview");

        assertThat(cache.size()).isEqualTo(1);
        assertThat(built).containsExactly("overview", "adoption", "overview");
    }

    @Test
    void theSameRequestOfAnotherScopeIsAnotherAnswer() throws IOException {
        ServingSnapshot snapshot = snapshot("run-1");
        AnswerCache cache = new AnswerCache(AnswerCache.DEFAULT_MAX_BYTES);
        List<String> filters = List.of("", "", "", "", "");
        cache.answer(snapshot, new AnswerCache.Key(new Scope(Role.LEAD, List.of("Big Team")), "overview", filters),
                () -> "{\"team\":\"Big Team\"}".getBytes(StandardCharsets.UTF_8));

        AnswerCache.Answer tiny = cache.answer(snapshot,
                new AnswerCache.Key(new Scope(Role.LEAD, List.of("Tiny Team")), "overview", filters),
                () -> "{\"team\":\"Tiny Team\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(tiny.json(), StandardCharsets.UTF_8)).isEqualTo("{\"team\":\"Tiny Team\"}");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void anAnswerLargerThanTheBudgetIsAnsweredButNotKept() throws IOException {
        ServingSnapshot snapshot = snapshot("run-1");
        AnswerCache cache = new AnswerCache(ENTRY - 1);

        AnswerCache.Answer answer = ask(cache, snapshot, "overview");

        assertThat(answer.json()).hasSize(100);
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new AnswerCache(0)).hasMessage("maxBytes must be positive, got 0");
    }

    @Test
    void theTagIsTheQuotedStartOfTheBytesSha256() {
        assertThat(AnswerCache.etag("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo("\"RBNvo1WzZ4oRRq0W9-hkng\"");
    }

    private AnswerCache.Answer ask(AnswerCache cache, ServingSnapshot snapshot, String page) {
        return cache.answer(snapshot, new AnswerCache.Key(EXECUTIVE, page, List.of("", "", "", "", "")), () -> {
            built.add(page);
            byte[] json = new byte[100];
            Arrays.fill(json, (byte) ' ');
            return json;
        });
    }

    private static ServingSnapshot snapshot(String runId) throws IOException {
        return ServingSnapshot.parse(new ByteArrayInputStream(SnapshotFixture.json(runId).getBytes(StandardCharsets.UTF_8)),
                DashboardApp.json());
    }
}
