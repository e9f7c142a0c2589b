package dev.tracerlinks.tracker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
    @Test
    void a_path_or_a_sqlite_url_is_a_sqlite_file() {
        assertThat(DatabaseLocation.fromEnv(Map.of()).sqliteFile()).isEqualTo(Path.of("data/tracker.db"));
        assertThat(DatabaseLocation.fromEnv(Map.of("TRACKER_DB", "jdbc:sqlite:/tmp/x.db")).sqliteFile()).isEqualTo(Path.of("/tmp/x.db"));
        assertThat(DatabaseLocation.fromEnv(Map.of("TRACKER_DB", "/tmp/y.db")).engine()).isEqualTo(Engine.SQLITE);
    }

    @Test
    void a_postgresql_url_takes_its_user_and_password_from_the_environment_and_never_shows_the_password() {
        DatabaseLocation location = DatabaseLocation.fromEnv(Map.of("TRACKER_DB", "jdbc:postgresql://db:5432/tracker",
                "TRACKER_DB_USER", "tracker", "TRACKER_DB_PASSWORD", "s3cret-pw"));
        assertThat(location.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(location.user()).isEqualTo("tracker");
        assertThat(location.describe()).isEqualTo("jdbc:postgresql://db:5432/tracker as tracker");
        assertThat(location.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void a_postgresql_url_without_a_user_or_with_credentials_in_it_is_refused_with_a_sentence() {
        assertThatThrownBy(() -> DatabaseLocation.fromEnv(Map.of("TRACKER_DB", "jdbc:postgresql://db/tracker")))
                .hasMessageContaining("TRACKER_DB_USER");
        assertThatThrownBy(() -> DatabaseLocation.fromEnv(Map.of("TRACKER_DB", "jdbc:postgresql://db/tracker?password=x",
                "TRACKER_DB_USER", "u"))).hasMessageContaining("must not hold a user or password").hasMessageNotContaining("password=x");
        assertThatThrownBy(() -> DatabaseLocation.fromEnv(Map.of("TRACKER_DB", "jdbc:mysql://db/tracker")))
                .hasMessageContaining("not supported");
    }

    @Test
    void sqlite_planner_hints_and_group_concat_are_translated_for_postgresql() {
        assertThat(PostgresDialect.translate("SELECT 1 FROM link_tracking l CROSS JOIN link_clicks c INDEXED BY link_clicks_by_link_time"
                + " ON c.tracking_id = l.tracking_id"))
                .isEqualTo("SELECT 1 FROM link_tracking l JOIN link_clicks c ON c.tracking_id = l.tracking_id");
        assertThat(PostgresDialect.translate("SELECT group_concat(cv.event, ' ') FROM cv"))
                .isEqualTo("SELECT string_agg(CAST(cv.event AS TEXT), ' ' ORDER BY cv.event) FROM cv");
    }
}
