package dev.tracerlinks.tracker.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path directory;

    @Test
    void every_connection_keeps_statement_journals_and_temporary_data_in_memory() {
        try (Database database = Database.openSqlite(directory.resolve("tracker.db"))) {
            // Several handles at once, so that more than one pooled connection answers.
            var first = database.jdbi().open();
            var second = database.jdbi().open();
            try {
                // 2 = MEMORY: no temporary file written per click insert (see Database.openSqlite).
                assertThat(first.createQuery("PRAGMA temp_store").mapTo(Integer.class).one()).isEqualTo(2);
                assertThat(second.createQuery("PRAGMA temp_store").mapTo(Integer.class).one()).isEqualTo(2);
                assertThat(first.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
            } finally {
                first.close();
                second.close();
            }
        }
    }
}
