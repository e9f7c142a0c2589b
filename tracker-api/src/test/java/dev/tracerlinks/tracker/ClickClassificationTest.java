package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tracerlinks.tracker.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification as tracker-api applies it at ingestion, in analytics, and on re-classification. */
class ClickClassificationTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @TempDir
    Path directory;
    TrackerApiServer server;
    String redirectorKey;
    final List<String> links = new ArrayList<>();
    String otherJobLink;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        redirectorKey = server.createKey("redirector");
        server.putJob("j1", "Amazon");
        server.putJob("j2", "Zalando");
        for (int i = 0; i < 4; i++) {
            links.add(server.issueLink("j1", "p" + i, "https://example.com/" + i).json().get("tracking_id").asText());
        }
        otherJobLink = server.issueLink("j2", "p0", "https://example.com/z").json().get("tracking_id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A click from a visitor (address + browser user agent, so the same visitor hash), {@code millis} after T0. */
    private void click(String token, String address, long millis) {
        HttpJson.Response response = server.http.send("POST", "/api/link-tracking/record-click", redirectorKey, HttpJson.json(Map.of(
                "tracking_id", token, "clicked_at", T0.plusMillis(millis).toString(), "ip_address", address, "user_agent", CHROME)));
        assertThat(response.status()).isEqualTo(201);
    }

    private long humanClicks(String token) {
        return server.http.get("/api/link-tracking/analytics/" + token, ADMIN_KEY).json().get("click_statistics").get("total_clicks").asLong();
    }

    private List<Map<String, Object>> labels(String token) {
        try (Database database = server.openDatabase()) {
            return database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT is_bot, bot_reason FROM link_clicks WHERE tracking_id = :token").bind("token", token).mapToMap().list());
        }
    }

    @Test
    void three_links_of_one_job_within_seconds_are_a_burst_and_every_click_of_it_is_flagged() {
        click(links.get(0), "203.0.113.5", 0);
        click(links.get(1), "203.0.113.5", 700);
        assertThat(humanClicks(links.get(0))).as("two links in quick succession are still a person").isEqualTo(1);
        click(links.get(2), "203.0.113.5", 1400);

        for (int i = 0; i < 3; i++) {
            assertThat(humanClicks(links.get(i))).as("link %d", i).isZero();
            assertThat(labels(links.get(i))).singleElement()
                    .satisfies(row -> assertThat(row.get("bot_reason")).isEqualTo("burst:3-links-in-2s"));
        }
        JsonNode withBots = server.analytics(links.get(0)).json().get("click_statistics");
        assertThat(withBots.get("total_clicks").asLong()).isEqualTo(1);
    }

    @Test
    void a_human_looking_click_is_flagged_when_bot_clicks_of_the_same_visitor_complete_its_burst() {
        click(links.get(0), "203.0.113.5", 0);
        for (int i = 1; i <= 2; i++) {
            HttpJson.Response response = server.http.send("POST", "/api/link-tracking/record-click", redirectorKey, HttpJson.json(Map.of(
                    "tracking_id", links.get(i), "clicked_at", T0.plusMillis(400L * i).toString(), "ip_address", "203.0.113.5",
                    "user_agent", CHROME, "method", "HEAD")));
            assertThat(response.status()).isEqualTo(201);
        }
        assertThat(labels(links.get(0))).singleElement()
                .satisfies(row -> assertThat(row.get("bot_reason")).isEqualTo("burst:3-links-in-1s"));
        assertThat(labels(links.get(1))).singleElement()
                .satisfies(row -> assertThat(row.get("bot_reason")).isEqualTo("method:HEAD"));
    }

    @Test
    void a_person_reading_the_resume_is_not_a_burst() {
        click(links.get(0), "203.0.113.5", 0);
        click(links.get(1), "203.0.113.5", 1500);
        click(links.get(2), "203.0.113.5", 9000);
        click(links.get(3), "203.0.113.5", 20000);
        for (String link : links) {
            assertThat(humanClicks(link)).isEqualTo(1);
        }
    }

    @Test
    void bursts_need_one_visitor_and_one_job() {
        click(links.get(0), "203.0.113.5", 0);
        click(links.get(1), "198.51.100.9", 300);
        click(links.get(2), "192.0.2.44", 600);
        click(otherJobLink, "203.0.113.5", 900);
        click(links.get(3), "203.0.113.5", 1200);
        assertThat(humanClicks(links.get(0)) + humanClicks(links.get(1)) + humanClicks(links.get(2)) + humanClicks(links.get(3))
                + humanClicks(otherJobLink)).isEqualTo(5);
    }

    @Test
    void include_bots_is_checked_and_bots_are_counted_only_when_asked() {
        server.http.send("POST", "/api/link-tracking/record-click", redirectorKey, HttpJson.json(Map.of(
                "tracking_id", links.get(0), "clicked_at", T0.toString(), "user_agent", "Slackbot-LinkExpanding 1.0")));
        assertThat(humanClicks(links.get(0))).isZero();
        assertThat(server.analytics(links.get(0)).json().get("click_statistics").get("total_clicks").asLong()).isEqualTo(1);
        assertThat(labels(links.get(0)).get(0).get("bot_reason")).isEqualTo("ua:Slackbot@crawler-user-agents");
        HttpJson.Response bad = server.http.get("/api/link-tracking/analytics/" + links.get(0) + "?include_bots=maybe", ADMIN_KEY);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("include_bots");
    }

    @Test
    void reclassification_restores_labels_and_analytics_follow() {
        server.http.send("POST", "/api/link-tracking/record-click", redirectorKey, HttpJson.json(Map.of(
                "tracking_id", links.get(3), "clicked_at", T0.toString(), "user_agent", "curl/8.5.0")));
        click(links.get(0), "203.0.113.5", 0);
        click(links.get(1), "203.0.113.5", 500);
        click(links.get(2), "203.0.113.5", 1000);
        // Labels from older rules: everything human.
        try (Database database = server.openDatabase()) {
            database.jdbi().useHandle(handle -> handle.execute("UPDATE link_clicks SET is_bot = 0, bot_reason = NULL"));
        }
        assertThat(humanClicks(links.get(3))).isEqualTo(1);

        HttpJson.Response result = server.http.send("POST", "/api/clicks/reclassify", ADMIN_KEY, null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().get("clicks").asLong()).isEqualTo(4);
        assertThat(result.json().get("bots").asLong()).isEqualTo(4);
        assertThat(labels(links.get(3)).get(0).get("bot_reason")).isEqualTo("ua:curl@crawler-user-agents");
        assertThat(labels(links.get(0)).get(0).get("bot_reason")).isEqualTo("burst:3-links-in-1s");
        // The analytics' running sums were brought up to date by the re-classification, not left to the next read.
        try (Database database = server.openDatabase()) {
            long stale = database.jdbi().withHandle(handle -> handle.createQuery("SELECT (SELECT count(*) FROM stale_link_click_totals)"
                    + " + (SELECT count(*) FROM stale_link_totals) + (SELECT count(*) FROM stale_job_totals)").mapTo(Long.class).one());
            assertThat(stale).isZero();
        }
        for (String link : links) {
            assertThat(humanClicks(link)).isZero();
        }
        assertThat(server.http.send("POST", "/api/clicks/reclassify", redirectorKey, null).status()).isEqualTo(403);
    }

    @Test
    void reclassification_turns_a_person_the_old_rules_took_for_a_bot_back_into_a_person() {
        // Slack's desktop app: the crawler list's "Sonic" pattern matched it until the rules of issue #16.
        String slackDesktop = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.4.2 "
                + "Chrome/78.0.3904.130 Electron/7.1.9 Safari/537.36 Sonic Slack_SSB/4.4.2";
        assertThat(server.http.send("POST", "/api/link-tracking/record-click", redirectorKey, HttpJson.json(Map.of(
                "tracking_id", links.get(0), "clicked_at", T0.toString(), "ip_address", "203.0.113.5", "user_agent", slackDesktop)))
                .status()).isEqualTo(201);
        try (Database database = server.openDatabase()) {
            database.jdbi().useHandle(handle -> handle.execute(
                    "UPDATE link_clicks SET is_bot = 1, bot_reason = 'ua:Sonic@crawler-user-agents'"));
        }
        assertThat(server.http.send("POST", "/api/clicks/reclassify", ADMIN_KEY, null).json().get("bots").asLong()).isZero();
        assertThat(labels(links.get(0))).singleElement().satisfies(row -> {
            assertThat(row.get("is_bot")).isIn(0, 0L, false);
            assertThat(row.get("bot_reason")).isNull();
        });
        assertThat(humanClicks(links.get(0))).isEqualTo(1);
    }
}
