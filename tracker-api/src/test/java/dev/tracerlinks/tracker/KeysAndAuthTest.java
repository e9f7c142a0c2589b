package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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
                HttpJson.json(Map.of("scopes", List.of("analytics:read", "conversions:write"), "name", "edge-1")));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"analytics:read\",\"conversions:write\"]");
        assertThat(created.json().get("created_at").asText()).endsWith("Z");

        server.putJob("j1", "Acme");
        assertThat(http.get("/api/jobs/j1", key).status()).isEqualTo(200);

        // tlk_<12-character id>_<secret>; the secret itself may contain '_'.
        String secret = key.substring("tlk_".length() + id.length() + 1);
        assertThat(secret).hasSize(43);
        HttpJson.Response listed = http.get("/api/keys", ADMIN_KEY);
        assertThat(listed.body()).contains(id).doesNotContain(key).doesNotContain(secret);

        if (PostgresCluster.SELECTED) {
            StringBuilder stored = new StringBuilder();
            try (java.sql.Connection connection = server.connect();
                 java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM api_keys")) {
                while (rows.next()) {
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        stored.append(rows.getString(column)).append('|');
                    }
                }
            }
            assertThat(stored.toString()).contains(id).doesNotContain(secret).doesNotContain(ADMIN_KEY);
        } else {
            for (Path file : List.of(server.databaseFile(), Path.of(server.databaseFile() + "-wal"))) {
                if (Files.exists(file)) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                            .as(file.toString()).doesNotContain(secret).doesNotContain(ADMIN_KEY);
                }
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
    void requests_the_http_server_refuses_itself_still_get_json_errors() throws Exception {
        for (String path : new String[] {"/api/jobs/%ZZ", "/api/link-tracking/analytics/%00", "/api/jobs/%C0%AF"}) {
            String response = rawRequest("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).startsWith("HTTP/1.1 400").contains("application/json").contains("{\"error\":");
        }
        HttpJson.Response hugeHeader = http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/jobs/j1"))
                .header("X-Padding", "a".repeat(20_000)).build());
        assertThat(hugeHeader.status()).isEqualTo(431);
        assertThat(hugeHeader.json().get("error").asText()).isNotBlank();
    }

    @Test
    void unknown_endpoints_and_oversized_bodies_get_json_errors() {
        HttpJson.Response unknown = http.get("/api/nothing-here", ADMIN_KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isNotBlank();

        String huge = "{\"company\":\"" + "a".repeat(5_000_000) + "\"}";
        HttpJson.Response tooLarge = http.send("PUT", "/api/jobs/j1", ADMIN_KEY, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asText()).isNotBlank();
    }

    /** Bytes a well-behaved client library refuses to send (a malformed escape in the path). */
    private String rawRequest(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(http.baseUrl()).getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
