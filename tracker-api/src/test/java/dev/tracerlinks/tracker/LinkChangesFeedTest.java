package dev.tracerlinks.tracker;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkChangesFeedTest {
    @TempDir
    Path directory;
    TrackerApiServer server;
    String redirectorKey;

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        redirectorKey = server.createKey("redirector");
        server.putJob("j1", "Acme");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode changes(String query) {
        HttpJson.Response response = server.http.get("/api/links/changes" + query, redirectorKey);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> tokens(JsonNode page) {
        List<String> tokens = new ArrayList<>();
        page.get("links").forEach(link -> tokens.add(link.get("tracking_id").asText() + ":" + link.get("is_active").asBoolean()));
        return tokens;
    }

    @Test
    void the_feed_lists_new_links_and_deactivations_in_change_order() {
        String a = server.issueLink("j1", "p1", "https://example.com/a").json().get("tracking_id").asText();
        String b = server.issueLink("j1", "p2", "https://example.com/b").json().get("tracking_id").asText();
        JsonNode first = changes("?after=0");
        assertThat(tokens(first)).containsExactly(a + ":true", b + ":true");
        assertThat(first.get("has_more").asBoolean()).isFalse();
        long seen = first.get("next_seq").asLong();

        JsonNode nothing = changes("?after=" + seen);
        assertThat(nothing.get("links")).isEmpty();
        assertThat(nothing.get("next_seq").asLong()).isEqualTo(seen);
        assertThat(nothing.get("latest_seq").asLong()).isEqualTo(seen);
        assertThat(changes("?after=" + (seen + 100)).get("latest_seq").asLong()).as("a reader ahead can tell").isEqualTo(seen);

        server.http.send("PATCH", "/api/links/" + a, ADMIN_KEY, "{\"is_active\":false}");
        String c = server.issueLink("j1", "p3", "https://example.com/c").json().get("tracking_id").asText();
        JsonNode later = changes("?after=" + seen);
        assertThat(tokens(later)).containsExactly(a + ":false", c + ":true");
        assertThat(later.get("next_seq").asLong()).isGreaterThan(seen);
    }

    @Test
    void the_feed_pages_with_limit() {
        for (int i = 0; i < 5; i++) {
            server.issueLink("j1", "p" + i, "https://example.com/" + i);
        }
        JsonNode page = changes("?after=0&limit=2");
        assertThat(page.get("links")).hasSize(2);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        List<String> all = new ArrayList<>(tokens(page));
        while (page.get("has_more").asBoolean()) {
            page = changes("?after=" + page.get("next_seq").asLong() + "&limit=2");
            all.addAll(tokens(page));
        }
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void bad_parameters_and_wrong_scopes_are_refused() {
        assertThat(server.http.get("/api/links/changes?after=-1", redirectorKey).status()).isEqualTo(400);
        assertThat(server.http.get("/api/links/changes?after=abc", redirectorKey).json().get("error").asText()).contains("after");
        assertThat(server.http.get("/api/links/changes?limit=0", redirectorKey).status()).isEqualTo(400);
        assertThat(server.http.get("/api/links/changes", server.createKey("analytics:read")).status()).isEqualTo(403);
        assertThat(server.http.get("/api/links/changes", null).status()).isEqualTo(401);
    }
}
