package dev.tracerlinks.tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path directory;

    private static int tempStore(Handle handle) {
        return handle.createQuery("PRAGMA temp_store").mapTo(Integer.class).one();
    }

    @Test
    void ingestion_keeps_statement_journals_in_memory_and_gives_the_connection_back_as_it_was() {
        try (Database database = Database.openSqlite(directory.resolve("tracker.db"))) {
            // 2 = MEMORY inside (no temporary file written per click insert), in a real write transaction.
            int inside = Database.inTransactionWithJournalsInMemory(database.jdbi(), handle -> {
                assertThat(handle.isInTransaction()).isTrue();
                return tempStore(handle);
            });
            assertThat(inside).isEqualTo(2);
            // 0 = DEFAULT (files) on every pooled connection afterwards: sorts elsewhere may be large.
            List<Handle> handles = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    handles.add(database.jdbi().open());
                }
                assertThat(handles).allSatisfy(handle -> assertThat(tempStore(handle)).isZero());
            } finally {
                handles.forEach(Handle::close);
            }
        }
    }
}
