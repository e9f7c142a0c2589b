package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness routes end to end: a tracker-api whose base URL leads to edges that behave well or badly. */
class ReadinessTest {
    @TempDir
    Path directory;

    @Test
    void a_redirector_fed_by_this_tracker_makes_every_check_pass() {
        try (TestEdge edge = TestEdge.start(); TrackerApiServer tracker = TrackerApiServer.start(directory, edge.baseUrl())) {
            edge.feedFrom(tracker);
            HttpJson.Response verified = tracker.http.send("POST", "/api/readiness/verify", ADMIN_KEY, "");
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.json().get("status").asText()).as(verified.body()).isEqualTo("ready");
            assertThat(checks(verified.json()).keySet())
                    .containsExactly("base_url", "dns", "public_address", "redirector_health", "probe_redirect");
            assertThat(checks(verified.json()).get("public_address").get("reason").asText()).contains("TRACER_ALLOW_PRIVATE_BASE_URL=true");
            // GET answers the last result without fetching again.
            assertThat(tracker.http.get("/api/readiness", ADMIN_KEY).json().get("checked_at"))
                    .isEqualTo(verified.json().get("checked_at"));
        }
    }

    @Test
    void a_web_server_that_is_not_our_redirector_fails_health_and_skips_the_probe() {
        try (TestEdge edge = TestEdge.start().healthy(false); TrackerApiServer tracker = TrackerApiServer.start(directory, edge.baseUrl())) {
            edge.feedFrom(tracker);
            JsonNode readiness = tracker.http.send("POST", "/api/readiness/verify", ADMIN_KEY, "").json();
            assertThat(readiness.get("status").asText()).isEqualTo("not_ready");
            Map<String, JsonNode> checks = checks(readiness);
            assertThat(checks.get("redirector_health").get("passed").asBoolean()).isFalse();
            assertThat(checks.get("redirector_health").get("reason").asText()).contains("not as a Tracer Links redirector");
            assertThat(checks.get("probe_redirect").get("reason").asText()).contains("Skipped because redirector_health failed");
        }
    }

    @Test
    void a_redirector_fed_by_another_tracker_fails_the_probe() {
        try (TestEdge edge = TestEdge.start().redirectEverythingTo("https://example.com/elsewhere");
             TrackerApiServer tracker = TrackerApiServer.start(directory, edge.baseUrl())) {
            edge.feedFrom(tracker);
            Map<String, JsonNode> checks = checks(tracker.http.send("POST", "/api/readiness/verify", ADMIN_KEY, "").json());
            assertThat(checks.get("redirector_health").get("passed").asBoolean()).isTrue();
            assertThat(checks.get("probe_redirect").get("passed").asBoolean()).isFalse();
            assertThat(checks.get("probe_redirect").get("reason").asText()).contains("answered 302 to https://example.com/elsewhere");
        }
    }

    @Test
    void nothing_listening_at_the_base_url_fails_health_with_the_connection_error() {
        int closedPort;
        try (TestEdge edge = TestEdge.start()) {
            closedPort = Integer.parseInt(edge.baseUrl().substring(edge.baseUrl().lastIndexOf(':') + 1));
        }
        try (TrackerApiServer tracker = TrackerApiServer.start(directory, "http://127.0.0.1:" + closedPort)) {
            Map<String, JsonNode> checks = checks(tracker.http.get("/api/readiness", ADMIN_KEY).json());
            assertThat(checks.get("redirector_health").get("reason").asText()).contains("could not be fetched");
        }
    }

    @Test
    void readiness_needs_the_admin_scope() {
        try (TrackerApiServer tracker = TrackerApiServer.start(directory, "http://127.0.0.1:9")) {
            String reader = tracker.createKey("analytics:read");
            assertThat(tracker.http.get("/api/readiness", reader).status()).isEqualTo(403);
            assertThat(tracker.http.send("POST", "/api/readiness/verify", reader, "").status()).isEqualTo(403);
        }
    }

    private static Map<String, JsonNode> checks(JsonNode readiness) {
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        readiness.get("checks").forEach(check -> byName.put(check.get("name").asText(), check));
        return byName;
    }
}
