package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.tracker.db.Database;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database made by the release before Flyway (V12, {@code upgrade/v12/}: made by that release's own
 * server, with its answers recorded) is upgraded in place: every row is kept, and every analytics answer
 * is the one that release gave.
 */
class V12UpgradeTest {
    private static final List<String> TABLES = List.of("jobs", "link_tracking", "link_clicks", "sources", "conversions", "api_keys",
            "schema_version");

    @TempDir
    Path directory;

    @Test
    void a_v12_database_upgrades_with_every_row_kept_and_every_answer_the_same() throws Exception {
        Path file = directory.resolve("tracker.db");
        try (InputStream fixture = V12UpgradeTest.class.getResourceAsStream("/upgrade/v12/tracker.db")) {
            Files.copy(fixture, file);
        }
        Map<String, List<Map<String, Object>>> before = rows(file);
        assertThat(before.get("link_clicks")).hasSize(3045);

        try (TrackerApiServer server = TrackerApiServer.start(directory, "https://t.example.dev")) {
            JsonNode recorded = new ObjectMapper().readTree(V12UpgradeTest.class.getResourceAsStream("/upgrade/v12/answers.json"));
            List<String> different = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> question = it.next();
                HttpJson.Response answer = server.http.get(question.getKey(), ADMIN_KEY);
                assertThat(answer.status()).as(question.getKey() + ": " + answer.body()).isEqualTo(200);
                JsonNode now = answer.json();
                if (now.has("click_statistics")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) now.get("click_statistics")).remove(List.of("clicks_24h", "clicks_7d"));
                }
                if (!now.equals(question.getValue())) {
                    different.add(question.getKey() + "\n  then: " + question.getValue() + "\n  now:  " + now);
                }
            }
            assertThat(different).as("answers that changed").isEmpty();
            assertThat(recorded.size()).isEqualTo(84);

            // The export, but for the visitor column: the release before gave the stored hash, this one a pseudonym.
            String csv = server.http.send("GET", "/api/analytics/clicks.csv?include_bots=true&from=2026-10-01&to=2026-12-01", ADMIN_KEY,
                    null, "text/csv").body();
            String then = new String(V12UpgradeTest.class.getResourceAsStream("/upgrade/v12/clicks.csv").readAllBytes(), StandardCharsets.UTF_8);
            assertThat(withoutColumn(csv, 9)).isEqualTo(withoutColumn(then, 9));
        }
        Map<String, List<Map<String, Object>>> after = rows(file);
        for (String table : TABLES) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        try (Database database = Database.openSqlite(file)) {
            List<String> history = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT version || ' ' || type FROM flyway_schema_history ORDER BY installed_rank").mapTo(String.class).list());
            assertThat(history.get(0)).isEqualTo("12 BASELINE");
        }
    }

    @Test
    void a_released_migration_changed_after_it_was_applied_stops_start_up() throws Exception {
        Path file = directory.resolve("changed.db");
        try (Database database = Database.openSqlite(file)) {
            database.jdbi().useHandle(handle -> handle.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'"));
        }
        assertThatThrownBy(() -> Database.openSqlite(file).close()).hasMessageContaining("checksum");
    }

    /** Every row of the kept tables, in a stable order. */
    private static Map<String, List<Map<String, Object>>> rows(Path file) throws Exception {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String table : TABLES) {
                List<Map<String, Object>> list = new ArrayList<>();
                try (var result = connection.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                            row.put(result.getMetaData().getColumnName(i), result.getObject(i));
                        }
                        list.add(row);
                    }
                }
                rows.put(table, list);
            }
        }
        return rows;
    }

    /** The CSV without one column (fields may be quoted and hold commas). */
    private static List<String> withoutColumn(String csv, int column) {
        List<String> lines = new ArrayList<>();
        for (String line : csv.split("\n")) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            fields.remove(column);
            lines.add(String.join(",", fields));
        }
        return lines;
    }
}
