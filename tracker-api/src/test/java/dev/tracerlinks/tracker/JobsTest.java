package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsTest {
    @TempDir
    Path directory;
    TrackerApiServer server;
    HttpJson http;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        http = server.http;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void put_creates_then_updates_a_job_with_tracer_links_off() {
        HttpJson.Response created = http.send("PUT", "/api/jobs/550e8400-e29b-41d4-a716-446655440000", ADMIN_KEY,
                "{\"company\":\"Amazon\",\"title\":\"SDE II\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("tracer_links_enabled").asBoolean()).isFalse();
        assertThat(created.json().get("company").asText()).isEqualTo("Amazon");

        HttpJson.Response updated = http.send("PUT", "/api/jobs/550e8400-e29b-41d4-a716-446655440000", ADMIN_KEY,
                "{\"company\":\"Amazon DE\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("company").asText()).isEqualTo("Amazon DE");
        assertThat(updated.json().get("created_at")).isEqualTo(created.json().get("created_at"));

        HttpJson.Response read = http.get("/api/jobs/550e8400-e29b-41d4-a716-446655440000", ADMIN_KEY);
        assertThat(read.json().get("company").asText()).isEqualTo("Amazon DE");
    }

    @Test
    void patch_enables_tracer_links_when_ready_and_keeps_the_rest(@TempDir Path other) {
        try (TestEdge edge = TestEdge.start(); TrackerApiServer ready = TrackerApiServer.start(other, edge.baseUrl())) {
            edge.feedFrom(ready);
            ready.http.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"company\":\"Acme\",\"title\":\"SRE\"}");
            HttpJson.Response patched = ready.http.send("PATCH", "/api/jobs/j1", ADMIN_KEY, "{\"tracer_links_enabled\":true}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().get("tracer_links_enabled").asBoolean()).isTrue();
            assertThat(patched.json().get("title").asText()).isEqualTo("SRE");
            assertThat(ready.http.get("/api/jobs/j1", ADMIN_KEY).json().get("tracer_links_enabled").asBoolean()).isTrue();
            // Switching off never needs readiness.
            edge.healthy(false);
            assertThat(ready.http.send("PATCH", "/api/jobs/j1", ADMIN_KEY, "{\"tracer_links_enabled\":false}").status()).isEqualTo(200);
        }
    }

    @Test
    void enabling_tracer_links_without_a_redirector_at_the_base_url_is_a_409_naming_the_failing_checks(@TempDir Path other) {
        try (TestEdge notARedirector = TestEdge.start().healthy(false);
             TrackerApiServer tracker = TrackerApiServer.start(other, notARedirector.baseUrl())) {
            tracker.http.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"company\":\"Acme\"}");
            HttpJson.Response refused = tracker.http.send("PATCH", "/api/jobs/j1", ADMIN_KEY, "{\"tracer_links_enabled\":true}");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).contains("readiness").contains("redirector_health");
            assertThat(refused.json().get("failing_checks").get(0).get("name").asText()).isEqualTo("redirector_health");
            assertThat(tracker.http.get("/api/jobs/j1", ADMIN_KEY).json().get("tracer_links_enabled").asBoolean()).isFalse();
        }
    }

    @Test
    void bad_job_requests_are_refused_with_reasons() {
        HttpJson.Response noCompany = http.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"title\":\"SRE\"}");
        assertThat(noCompany.status()).isEqualTo(400);
        assertThat(noCompany.json().get("required_fields").toString()).contains("company");

        assertThat(http.send("PUT", "/api/jobs/bad%20id", ADMIN_KEY, "{\"company\":\"Acme\"}").status()).isEqualTo(400);
        assertThat(http.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"company\":\"" + "x".repeat(201) + "\"}").status()).isEqualTo(400);

        HttpJson.Response unknown = http.get("/api/jobs/nope", ADMIN_KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).contains("PUT /api/jobs/nope");
        assertThat(http.send("PATCH", "/api/jobs/nope", ADMIN_KEY, "{\"tracer_links_enabled\":true}").status()).isEqualTo(404);

        http.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"company\":\"Acme\"}");
        assertThat(http.send("PATCH", "/api/jobs/j1", ADMIN_KEY, "{}").status()).isEqualTo(400);
        HttpJson.Response notBoolean = http.send("PATCH", "/api/jobs/j1", ADMIN_KEY, "{\"tracer_links_enabled\":\"maybe\"}");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.json().get("error").asText()).contains("tracer_links_enabled");
    }
}
