package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickIngestionTest {
    private static final String RAW_IP = "198.51.100.237";

    @TempDir
    Path directory;
    TrackerApiServer server;
    HttpJson http;
    String redirectorKey;
    String token;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        http = server.http;
        redirectorKey = server.createKey("redirector");
        server.putJob("j1", "Amazon");
        token = server.issueLink("j1", "p1", "https://github.com/jane").json().get("tracking_id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpJson.Response recordClick(Map<String, Object> click) {
        return http.send("POST", "/api/link-tracking/record-click", redirectorKey, HttpJson.json(click));
    }

    @Test
    void the_guides_click_is_recorded_in_the_guides_shape() {
        HttpJson.Response recorded = recordClick(Map.of(
                "tracking_id", token,
                "clicked_at", "2025-07-27T21:15:30Z",
                "ip_address", "192.168.1.100",
                "user_agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
                "referrer_url", "https://gmail.com",
                "session_id", "sess_xyz789",
                "click_source", "email",
                "metadata", Map.of("utm_source", "email", "utm_medium", "application")));
        assertThat(recorded.status()).isEqualTo(201);
        JsonNode body = recorded.json();
        assertThat(body.get("click_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.get("tracking_id").asText()).isEqualTo(token);
        assertThat(body.get("clicked_at").asText()).isEqualTo("2025-07-27T21:15:30Z");
        assertThat(body.get("click_source").asText()).isEqualTo("email");
        assertThat(body.get("status").asText()).isEqualTo("recorded");

        JsonNode statistics = server.analytics(token).json().get("click_statistics");
        assertThat(statistics.get("total_clicks").asLong()).isEqualTo(1);
        assertThat(statistics.get("unique_sessions").asLong()).isEqualTo(1);
        assertThat(statistics.get("first_click").asText()).isEqualTo("2025-07-27T21:15:30Z");
        assertThat(statistics.get("clicks_24h").asLong()).isZero();
    }

    @Test
    void missing_tracking_id_or_clicked_at_answers_400_with_required_fields() {
        for (Map<String, Object> click : List.<Map<String, Object>>of(
                Map.of("clicked_at", "2025-07-27T21:15:30Z"), Map.of("tracking_id", token), Map.of())) {
            HttpJson.Response response = recordClick(click);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").asText()).startsWith("Missing required field: ");
            assertThat(response.json().get("required_fields").toString()).isEqualTo("[\"tracking_id\",\"clicked_at\"]");
            assertThat(response.json().get("timestamp").asText()).endsWith("Z");
        }
    }

    @Test
    void bad_click_values_get_a_sentence_not_a_500() {
        HttpJson.Response badDate = recordClick(Map.of("tracking_id", token, "clicked_at", "yesterday"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("error").asText()).contains("clicked_at").contains("ISO-8601");

        HttpJson.Response future = recordClick(Map.of("tracking_id", token, "clicked_at", Instant.now().plus(Duration.ofDays(2)).toString()));
        assertThat(future.status()).isEqualTo(400);

        HttpJson.Response unknown = recordClick(Map.of("tracking_id", "lt_abc123def456", "clicked_at", "2025-07-27T21:15:30Z"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Link not found or expired");
        assertThat(unknown.json().get("tracking_id").asText()).isEqualTo("lt_abc123def456");

        HttpJson.Response nestedMetadata = recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z",
                "metadata", Map.of("utm_source", Map.of("deep", 1))));
        assertThat(nestedMetadata.status()).isEqualTo(400);
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isZero();
    }

    @Test
    void analytics_needs_a_key_and_answers_404_for_unknown_links() {
        assertThat(http.get("/api/link-tracking/analytics/" + token, null).status()).isEqualTo(401);
        assertThat(http.get("/api/link-tracking/analytics/" + token, redirectorKey).status()).isEqualTo(200);
        HttpJson.Response unknown = http.get("/api/link-tracking/analytics/nope-xx", redirectorKey);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("tracking_id").asText()).isEqualTo("nope-xx");
    }

    @Test
    void statistics_count_windows_and_distinct_visitors() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        recordClick(Map.of("tracking_id", token, "clicked_at", now.minus(Duration.ofHours(1)).toString(), "ip_address", "203.0.113.5", "user_agent", "A"));
        recordClick(Map.of("tracking_id", token, "clicked_at", now.minus(Duration.ofHours(2)).toString(), "ip_address", "203.0.113.5", "user_agent", "A"));
        recordClick(Map.of("tracking_id", token, "clicked_at", now.minus(Duration.ofDays(3)).toString(), "ip_address", "203.0.113.6", "user_agent", "A"));
        recordClick(Map.of("tracking_id", token, "clicked_at", now.minus(Duration.ofDays(30)).toString()));

        JsonNode analytics = server.analytics(token).json();
        JsonNode statistics = analytics.get("click_statistics");
        assertThat(statistics.get("total_clicks").asLong()).isEqualTo(4);
        assertThat(statistics.get("unique_sessions").asLong()).isEqualTo(2);
        assertThat(statistics.get("clicks_24h").asLong()).isEqualTo(2);
        assertThat(statistics.get("clicks_7d").asLong()).isEqualTo(3);
        assertThat(statistics.get("first_click").asText()).isEqualTo(now.minus(Duration.ofDays(30)).toString());
        assertThat(statistics.get("last_click").asText()).isEqualTo(now.minus(Duration.ofHours(1)).toString());
        assertThat(analytics.get("link_info").get("original_url").asText()).isEqualTo("https://github.com/jane");
        assertThat(analytics.get("link_info").get("is_active").asBoolean()).isTrue();
    }

    @Test
    void a_link_with_no_clicks_has_null_first_and_last_click() {
        JsonNode statistics = server.analytics(token).json().get("click_statistics");
        assertThat(statistics.get("total_clicks").asLong()).isZero();
        assertThat(statistics.get("first_click").isNull()).isTrue();
        assertThat(statistics.get("last_click").isNull()).isTrue();
    }

    @Test
    void batches_are_idempotent_by_click_id_and_skip_unknown_links() {
        String clickId = "0190f3a0-0000-7000-8000-000000000001";
        String batch = HttpJson.json(List.of(
                Map.of("click_id", clickId, "tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z", "ip_prefix", "203.0.113.0/24"),
                Map.of("click_id", "0190f3a0-0000-7000-8000-000000000002", "tracking_id", "gone-xx", "clicked_at", "2025-07-27T21:15:30Z")));
        HttpJson.Response first = http.send("POST", "/api/link-tracking/record-clicks", redirectorKey, batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(first.json().get("unknown_tracking_ids").toString()).contains("gone-xx");

        HttpJson.Response again = http.send("POST", "/api/link-tracking/record-clicks", redirectorKey, batch);
        assertThat(again.json().get("recorded").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isEqualTo(1);

        assertThat(http.send("POST", "/api/link-tracking/record-clicks", redirectorKey, "{\"not\":\"a list\"}").status()).isEqualTo(400);
        assertThat(http.send("POST", "/api/link-tracking/record-clicks", server.createKey("analytics:read"), batch).status()).isEqualTo(403);
    }

    @Test
    void the_visitor_salt_never_reaches_the_database() throws Exception {
        String salt = http.get("/api/visitor-salt", redirectorKey).json().get("salt").asText();
        recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z", "ip_address", RAW_IP, "user_agent", "UA"));
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(salt);
            }
        }
    }

    @Test
    void a_resent_click_id_is_reported_as_a_duplicate_and_stored_once() {
        Map<String, Object> click = Map.of("click_id", "0190f3a0-0000-7000-8000-0000000000aa", "tracking_id", token,
                "clicked_at", "2025-07-27T21:15:30Z");
        HttpJson.Response first = recordClick(click);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("recorded");
        HttpJson.Response again = recordClick(click);
        assertThat(again.status()).as("a repeat creates nothing, so it is not a 201").isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isEqualTo(1);
    }

    @Test
    void a_click_for_a_deactivated_link_is_refused_in_the_guides_shape() {
        assertThat(http.send("PATCH", "/api/links/" + token, ADMIN_KEY, "{\"is_active\":false}").status()).isEqualTo(200);
        HttpJson.Response response = recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").asText()).isEqualTo("Link not found or expired");
        assertThat(response.json().get("tracking_id").asText()).isEqualTo(token);
        assertThat(response.json().has("timestamp")).isTrue();
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isZero();
    }

    @Test
    void an_ip_address_that_is_not_an_address_is_a_400_that_does_not_echo_it() {
        for (String address : new String[] {"not-an-ip", "192.168.1", "999.1.1.1", "10.0.0.1:8080", "::g", "2001:db8::1/64"}) {
            HttpJson.Response response = recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z", "ip_address", address));
            assertThat(response.status()).as(address).isEqualTo(400);
            assertThat(response.json().get("error").asText()).startsWith("ip_address is not an IPv4 or IPv6 address").doesNotContain(address);
        }
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isZero();
        for (String address : new String[] {"203.0.113.9", "2001:db8::1", "[2001:db8::2]", "::ffff:203.0.113.10"}) {
            assertThat(recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z", "ip_address", address)).status())
                    .as(address).isEqualTo(201);
        }
    }

    @Test
    void out_of_range_dates_are_refused_not_a_500() {
        for (String date : new String[] {"-999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z"}) {
            HttpJson.Response response = recordClick(Map.of("tracking_id", token, "clicked_at", date));
            assertThat(response.status()).as(date).isEqualTo(400);
            assertThat(response.json().get("error").asText()).contains("clicked_at");
        }
    }

    @Test
    void a_bad_click_in_a_batch_is_rejected_alone_and_an_empty_batch_is_fine() {
        HttpJson.Response empty = http.send("POST", "/api/link-tracking/record-clicks", redirectorKey, "[]");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("received").asInt()).isZero();

        HttpJson.Response mixed = http.send("POST", "/api/link-tracking/record-clicks", redirectorKey, HttpJson.json(List.of(
                Map.of("click_id", "0190f3a0-0000-7000-8000-0000000000b1", "tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z"),
                Map.of("click_id", "0190f3a0-0000-7000-8000-0000000000b2", "tracking_id", token, "clicked_at", "1970-01-01T00:00:00Z"),
                Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z"))));
        assertThat(mixed.status()).isEqualTo(200);
        assertThat(mixed.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(mixed.json().get("rejected")).hasSize(2);
        assertThat(mixed.json().get("rejected").get(0).get("click_id").asText()).isEqualTo("0190f3a0-0000-7000-8000-0000000000b2");
        assertThat(mixed.json().get("rejected").get(1).get("reason").asText()).contains("click_id");
    }

    @Test
    void a_raw_ip_address_is_never_written_to_disk() throws Exception {
        String ipv6 = "2001:db8:85a3:8d3:1319:8a2e:370:7348";
        recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:30Z", "ip_address", RAW_IP, "user_agent", "UA"));
        recordClick(Map.of("tracking_id", token, "clicked_at", "2025-07-27T21:15:31Z", "ip_address", ipv6, "user_agent", "UA"));
        // An edge that wrongly sends a full address as its prefix still gets only the prefix stored.
        http.send("POST", "/api/link-tracking/record-clicks", redirectorKey, HttpJson.json(List.of(Map.of(
                "click_id", "0190f3a0-0000-7000-8000-000000000003", "tracking_id", token,
                "clicked_at", "2025-07-27T21:15:32Z", "ip_prefix", "198.51.100.238"))));
        assertThat(server.analytics(token).json().get("click_statistics").get("total_clicks").asLong()).isEqualTo(3);

        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString())
                        .doesNotContain(RAW_IP).doesNotContain("198.51.100.238").doesNotContain("1319:8a2e")
                        .doesNotContain("8a2e:370:7348");
            }
        }
    }
}
