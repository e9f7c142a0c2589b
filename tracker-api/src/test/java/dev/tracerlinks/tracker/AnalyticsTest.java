package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalyticsTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    /** July 1 and 2, whole days: a date as `to` includes that day. */
    private static final String RANGE = "from=2025-07-01&to=2025-07-02";

    @TempDir
    Path directory;
    TrackerApiServer server;
    String key;
    String amazonGithub;
    String amazonLinkedin;
    String amazonPortfolio;
    String zalandoGithub;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        key = server.createKey("analytics:read");
        server.putJob("amazon", "Amazon");
        server.putJob("zalando", "Zalando");
        amazonGithub = issue("amazon", "p1", "https://github.com/jane");
        amazonLinkedin = issue("amazon", "p2", "https://linkedin.com/in/jane");
        amazonPortfolio = issue("amazon", "p3", "https://jane.dev");
        zalandoGithub = issue("zalando", "p1", "https://github.com/jane");
        String edge = server.createKey("redirector");
        // 2025-07-01: Amazon GitHub twice (two visitors, one from Gmail), LinkedIn once, one Slackbot preview.
        record(edge, amazonGithub, "2025-07-01T09:15:00Z", "203.0.113.5", CHROME, "https://mail.google.com/");
        record(edge, amazonGithub, "2025-07-01T10:40:00Z", "198.51.100.7", CHROME, null);
        record(edge, amazonLinkedin, "2025-07-01T10:45:00Z", "198.51.100.7", CHROME, "https://www.linkedin.com/feed/");
        record(edge, amazonGithub, "2025-07-01T11:00:00Z", "192.0.2.1", "Slackbot-LinkExpanding 1.0", null);
        // 2025-07-02: Zalando GitHub once. Outside the range: 2025-06-30 and 2025-07-03.
        record(edge, zalandoGithub, "2025-07-02T08:00:00Z", "203.0.113.9", CHROME, null);
        record(edge, zalandoGithub, "2025-06-30T23:59:59Z", "203.0.113.9", CHROME, null);
        record(edge, amazonGithub, "2025-07-03T00:00:00Z", "203.0.113.9", CHROME, null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String issue(String job, String path, String url) {
        return server.issueLink(job, path, url).json().get("tracking_id").asText();
    }

    private void record(String edgeKey, String token, String at, String address, String userAgent, String referrer) {
        Map<String, Object> click = new HashMap<>(Map.of("tracking_id", token, "clicked_at", at, "ip_address", address,
                "user_agent", userAgent));
        if (referrer != null) {
            click.put("referrer_url", referrer);
        }
        assertThat(server.http.send("POST", "/api/link-tracking/record-click", edgeKey, HttpJson.json(click)).status()).isEqualTo(201);
    }

    private JsonNode get(String path) {
        HttpJson.Response response = server.http.get(path, key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void the_summary_counts_humans_and_reports_bots_apart() {
        JsonNode summary = get("/api/analytics/summary?" + RANGE);
        assertThat(summary.get("clicks").asLong()).isEqualTo(4);
        assertThat(summary.get("human_clicks").asLong()).isEqualTo(4);
        assertThat(summary.get("bot_clicks").asLong()).isEqualTo(1);
        assertThat(summary.get("unique_visitors").asLong()).isEqualTo(3);
        assertThat(summary.get("links_clicked").asLong()).isEqualTo(3);
        assertThat(summary.get("jobs_clicked").asLong()).isEqualTo(2);
        assertThat(summary.get("first_click").asText()).isEqualTo("2025-07-01T09:15:00Z");
        assertThat(summary.get("last_click").asText()).isEqualTo("2025-07-02T08:00:00Z");

        JsonNode withBots = get("/api/analytics/summary?" + RANGE + "&include_bots=true");
        assertThat(withBots.get("clicks").asLong()).isEqualTo(5);
        assertThat(withBots.get("unique_visitors").asLong()).isEqualTo(4);

        assertThat(get("/api/analytics/summary?" + RANGE + "&job_id=zalando").get("clicks").asLong()).isEqualTo(1);
        // to is exclusive: the 11:00:00 click (a bot, counted here) is left out.
        assertThat(get("/api/analytics/summary?from=2025-07-01T10:00:00Z&to=2025-07-01T11:00:00Z&include_bots=true")
                .get("clicks").asLong()).isEqualTo(2);
        assertThat(get("/api/analytics/summary?from=2025-07-01T10:00:00Z&to=2025-07-01T11:00:01Z&include_bots=true")
                .get("clicks").asLong()).isEqualTo(3);
    }

    @Test
    void top_lists_rank_jobs_and_links() {
        JsonNode jobs = get("/api/analytics/top-jobs?" + RANGE);
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).get("job_id").asText()).isEqualTo("amazon");
        assertThat(jobs.get(0).get("company").asText()).isEqualTo("Amazon");
        assertThat(jobs.get(0).get("clicks").asLong()).isEqualTo(3);
        assertThat(jobs.get(0).get("links_clicked").asLong()).isEqualTo(2);
        assertThat(get("/api/analytics/top-jobs?" + RANGE + "&limit=1")).hasSize(1);

        JsonNode links = get("/api/analytics/top-links?" + RANGE + "&include_bots=true");
        assertThat(links.get(0).get("tracking_id").asText()).isEqualTo(amazonGithub);
        assertThat(links.get(0).get("clicks").asLong()).isEqualTo(3);
        assertThat(links.get(0).get("original_url").asText()).isEqualTo("https://github.com/jane");
    }

    @Test
    void the_timeseries_fills_empty_buckets() {
        JsonNode days = get("/api/analytics/timeseries?interval=day&from=2025-06-29&to=2025-07-03");
        List<Long> counts = new ArrayList<>();
        days.get("buckets").forEach(bucket -> counts.add(bucket.get("clicks").asLong()));
        assertThat(counts).containsExactly(0L, 1L, 3L, 1L, 1L);
        assertThat(days.get("buckets").get(0).get("start").asText()).isEqualTo("2025-06-29T00:00:00Z");

        JsonNode hours = get("/api/analytics/timeseries?interval=hour&from=2025-07-01T09:00:00Z&to=2025-07-01T12:00:00Z&job_id=amazon");
        counts.clear();
        hours.get("buckets").forEach(bucket -> counts.add(bucket.get("clicks").asLong()));
        assertThat(counts).containsExactly(1L, 2L, 0L);
        assertThat(hours.get("job_id").asText()).isEqualTo("amazon");
    }

    @Test
    void the_job_drilldown_lists_every_link_with_sources_and_days() {
        JsonNode job = get("/api/jobs/amazon/analytics?" + RANGE);
        assertThat(job.get("job").get("company").asText()).isEqualTo("Amazon");
        assertThat(job.get("clicks").asLong()).isEqualTo(3);
        assertThat(job.get("human_clicks").asLong()).isEqualTo(3);
        assertThat(job.get("bot_clicks").asLong()).isEqualTo(1);
        assertThat(job.get("unique_visitors").asLong()).isEqualTo(2);
        assertThat(job.get("links")).hasSize(3);
        Map<String, Long> clicksByLink = new HashMap<>();
        job.get("links").forEach(link -> clicksByLink.put(link.get("tracking_id").asText(), link.get("clicks").asLong()));
        assertThat(clicksByLink).containsEntry(amazonGithub, 2L).containsEntry(amazonLinkedin, 1L).containsEntry(amazonPortfolio, 0L);
        // Most clicks first, ties by value; a click without a referrer counts as "(none)".
        assertThat(job.get("referrer_hosts").toString()).isEqualTo("[{\"value\":\"(none)\",\"clicks\":1},"
                + "{\"value\":\"mail.google.com\",\"clicks\":1},{\"value\":\"www.linkedin.com\",\"clicks\":1}]");
        assertThat(job.get("click_sources").toString()).isEqualTo("[{\"value\":\"direct\",\"clicks\":1},"
                + "{\"value\":\"email\",\"clicks\":1},{\"value\":\"linkedin\",\"clicks\":1}]");
        JsonNode withBots = get("/api/jobs/amazon/analytics?" + RANGE + "&include_bots=true");
        assertThat(withBots.get("referrer_hosts").get(0).toString()).isEqualTo("{\"value\":\"(none)\",\"clicks\":2}");
        assertThat(withBots.get("click_sources").get(0).toString()).isEqualTo("{\"value\":\"direct\",\"clicks\":2}");
        assertThat(job.get("daily")).hasSize(2);
        assertThat(job.get("daily").get(0).get("clicks").asLong()).isEqualTo(3);
        assertThat(server.http.get("/api/jobs/nope/analytics", key).status()).isEqualTo(404);
    }

    @Test
    void the_csv_export_has_one_row_per_click_and_quotes_what_needs_it() {
        HttpJson.Response csv = server.http.send("GET", "/api/analytics/clicks.csv?" + RANGE + "&include_bots=true", key, null, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).startsWith("click_id,clicked_at,tracking_id,job_id");
        assertThat(lines).hasSize(6);
        assertThat(csv.body()).contains("ua:Slackbot").contains("203.0.113.0/24").doesNotContain("203.0.113.5")
                .contains("\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\"");
        HttpJson.Response zalando = server.http.send("GET", "/api/analytics/clicks.csv?" + RANGE + "&job_id=zalando", key, null, "text/csv");
        assertThat(zalando.body().split("\n")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/analytics/timeseries?interval=week",
        "/api/analytics/summary?from=2025-07-03&to=2025-07-01",
        "/api/analytics/summary?from=yesterday",
        "/api/analytics/top-jobs?limit=0",
        "/api/analytics/top-links?limit=1001",
        "/api/analytics/summary?include_bots=perhaps",
        "/api/analytics/timeseries?interval=hour&from=2020-01-01&to=2025-01-01",
        "/api/jobs/amazon/analytics?from=2025-13-01",
        "/api/analytics/summary?from=%2B999999999-01-01T00:00:00Z",
        "/api/analytics/summary?to=1970-01-01",
    })
    void bad_parameters_get_400_with_a_sentence(String path) {
        HttpJson.Response response = server.http.get(path, key);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.json().get("error").asText()).as(path).isNotBlank();
    }

    @Test
    void analytics_needs_the_analytics_scope() {
        assertThat(server.http.get("/api/analytics/summary", server.createKey("redirector")).status()).isEqualTo(403);
        assertThat(server.http.get("/api/analytics/summary", ADMIN_KEY).status()).isEqualTo(200);
        assertThat(server.http.get("/api/analytics/summary", null).status()).isEqualTo(401);
    }
}
