package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndAuthTest {
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
    void health_needs_no_key() {
        HttpJson.Response health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(health.json().get("database").asText()).isEqualTo("ok");
    }

    @Test
    void api_routes_answer_401_without_or_with_a_bad_key() {
        for (String key : new String[] {null, "nope", "tlk_aaaaaaaaaaaa_" + "A".repeat(43), ADMIN_KEY + "x"}) {
            HttpJson.Response response = http.get("/api/jobs/j1", key);
            assertThat(response.status()).as("key %s", key).isEqualTo(401);
            assertThat(response.json().get("error").asText()).contains("API key");
            assertThat(response.json().has("timestamp")).isTrue();
        }
    }

    @Test
    void a_key_without_the_needed_scope_gets_403() {
        String redirectorKey = server.createKey("redirector");
        HttpJson.Response response = http.send("PUT", "/api/jobs/j1", redirectorKey, "{\"company\":\"Acme\"}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("required_scopes").toString()).contains("admin");

        String analyticsKey = server.createKey("analytics:read");
        server.putJob("j1", "Acme");
        assertThat(http.get("/api/jobs/j1", analyticsKey).status()).isEqualTo(200);
        assertThat(http.get("/api/jobs/j1", redirectorKey).status()).isEqualTo(403);
        assertThat(http.send("POST", "/api/keys", analyticsKey, "{\"scopes\":[\"admin\"]}").status()).isEqualTo(403);
    }

    @Test
    void a_created_key_is_shown_once_works_and_only_its_hash_is_stored() throws Exception {
        HttpJson.Response created = http.send("POST", "/api/keys", ADMIN_KEY,
                HttpJson.json(Map.of("scopes", List.of("analytics:read", "redirector"), "name", "edge-1")));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"analytics:read\",\"redirector\"]");
        assertThat(created.json().get("created_at").asText()).endsWith("Z");

        server.putJob("j1", "Acme");
        assertThat(http.get("/api/jobs/j1", key).status()).isEqualTo(200);

        HttpJson.Response listed = http.get("/api/keys", ADMIN_KEY);
        assertThat(listed.body()).contains(id).doesNotContain(key).doesNotContain(key.substring(key.lastIndexOf('_') + 1));

        String secret = key.substring(key.lastIndexOf('_') + 1);
        for (Path file : List.of(server.databaseFile(), Path.of(server.databaseFile() + "-wal"))) {
            if (Files.exists(file)) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(secret).doesNotContain(ADMIN_KEY);
            }
        }
    }

    @Test
    void a_deleted_key_stops_working() {
        HttpJson.Response created = http.send("POST", "/api/keys", ADMIN_KEY, "{\"scopes\":[\"admin\"]}");
        String key = created.json().get("key").asText();
        assertThat(http.get("/api/keys", key).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/api/keys/" + created.json().get("id").asText(), ADMIN_KEY, null).status()).isEqualTo(204);
        assertThat(http.get("/api/keys", key).status()).isEqualTo(401);
        assertThat(http.send("DELETE", "/api/keys/nosuchkey", ADMIN_KEY, null).status()).isEqualTo(404);
    }

    @Test
    void bad_key_requests_get_400_with_a_sentence() {
        HttpJson.Response unknownScope = http.send("POST", "/api/keys", ADMIN_KEY, "{\"scopes\":[\"root\"]}");
        assertThat(unknownScope.status()).isEqualTo(400);
        assertThat(unknownScope.json().get("error").asText()).contains("Unknown scope \"root\"").contains("analytics:read");

        HttpJson.Response noScopes = http.send("POST", "/api/keys", ADMIN_KEY, "{}");
        assertThat(noScopes.status()).isEqualTo(400);
        assertThat(noScopes.json().get("required_fields").toString()).contains("scopes");

        HttpJson.Response notJson = http.send("POST", "/api/keys", ADMIN_KEY, "{scopes: admin");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).contains("not valid JSON");

        HttpJson.Response wrongType = http.send("POST", "/api/keys", ADMIN_KEY, "{\"scopes\": {\"a\": 1}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asText()).contains("scopes");
    }

    @Test
    void unknown_endpoints_and_oversized_bodies_get_json_errors() {
        HttpJson.Response unknown = http.get("/api/nothing-here", ADMIN_KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isNotBlank();

        String huge = "{\"company\":\"" + "a".repeat(2_000_000) + "\"}";
        HttpJson.Response tooLarge = http.send("PUT", "/api/jobs/j1", ADMIN_KEY, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asText()).isNotBlank();
    }
}
