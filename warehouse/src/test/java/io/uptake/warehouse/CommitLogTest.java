package io.uptake.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLockInTheSameProcessIsRefusedAndTheLockCanBeTakenAgainOnceReleased() throws IOException {
        CommitLog log = new CommitLog(new DataLayout(dir));
        try (FileChannel first = log.lock()) {
            assertThatThrownBy(log::lock).isInstanceOf(IOException.class)
                    .hasMessage("another ingest holds the lock on " + dir.resolve("warehouse/_commits")
                            + "; wait for it to finish");
        }
        try (FileChannel again = log.lock()) {
            assertThat(again.isOpen()).isTrue();
        }
    }

    @Test
    void liveFilesAreTheFilesAddedAndNotLaterRemovedInCommitOrder() throws IOException {
        CommitLog log = new CommitLog(new DataLayout(dir));
        log.append(new CommitLog.Commit(1, "2025-10-01T00:00:00Z", List.of(),
                List.of("users/part-1.parquet", "events/event_date=2025-10-01/part-1.parquet"), List.of()));
        log.append(new CommitLog.Commit(2, "2025-10-02T00:00:00Z", List.of(),
                List.of("users/part-2.parquet"), List.of("users/part-1.parquet")));

        assertThat(log.liveFiles()).containsExactly("events/event_date=2025-10-01/part-1.parquet", "users/part-2.parquet");
        assertThat(log.liveFiles(Tables.USERS)).containsExactly(dir.resolve("warehouse/users/part-2.parquet"));
        assertThat(log.nextSeq()).isEqualTo(3);
        assertThatThrownBy(() -> log.append(new CommitLog.Commit(2, "2025-10-03T00:00:00Z", List.of(), List.of(), List.of())))
                .hasMessage("commit 00000000000000000002.json already exists: is another ingest running?");
    }
}
