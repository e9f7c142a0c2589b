package dev.tracerlinks.redirector;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.HttpJson;
import dev.tracerlinks.tracker.Poll;
import dev.tracerlinks.tracker.TrackerApiServer;
import dev.tracerlinks.tracker.db.Database;
import io.javalin.Javalin;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both services for real, in-process on free ports: issue a link, follow it, see the click. */
class EndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path directory;
    TrackerApiServer tracker;
    Javalin redirector;
    HttpJson edge;

    @BeforeEach
    void start() {
        tracker = TrackerApiServer.start(directory, "http://localhost:8080");
        String key = tracker.createKey("redirector");
        redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create(tracker.baseUrl()), key, directory.resolve("edge")),
                Clock.systemUTC()).start("127.0.0.1", 0);
        edge = new HttpJson("http://127.0.0.1:" + redirector.port());
        tracker.putJob("j1", "Amazon DE");
    }

    @AfterEach
    void stop() {
        redirector.stop();
        tracker.close();
    }

    private String issue(String destination) {
        return tracker.issueLink("j1", "p-" + destination.hashCode(), destination).json().get("tracking_id").asText();
    }

    private long totalClicks(String token) {
        return tracker.analytics(token).json().get("click_statistics").get("total_clicks").asLong();
    }


    @Test
    void issue_redirect_and_the_click_shows_in_analytics() {
        String token = issue("https://github.com/jane?tab=repositories#top");
        assertThat(token).startsWith("amazon-de-");

        HttpJson.Response redirect = edge.send("GET", "/cv/" + token, null, null, "text/html");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).isEqualTo("https://github.com/jane?tab=repositories#top");
        assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
        assertThat(redirect.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(redirect.header("X-Robots-Tag")).isEqualTo("noindex, nofollow");

        Poll.until("the click is counted", WAIT, () -> totalClicks(token) == 1);
    }

    @Test
    void a_visitor_is_counted_once_per_day_by_hash() {
        Poll.until("the edge has today's salt", WAIT, () -> edge.get("/health", null).json().get("visitor_hashing").asBoolean());
        String token = issue("https://github.com/jane");
        for (int i = 0; i < 3; i++) {
            assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(302);
        }
        Poll.until("the clicks are counted", WAIT, () -> totalClicks(token) == 3);
        assertThat(tracker.analytics(token).json().get("click_statistics").get("unique_sessions").asLong()).isEqualTo(1);
    }

    @Test
    void head_and_the_track_alias_redirect_too_and_each_counts() {
        String token = issue("https://linkedin.com/in/jane");
        assertThat(edge.send("HEAD", "/cv/" + token, null, null).status()).isEqualTo(302);
        HttpJson.Response track = edge.send("GET", "/track/" + token, null, null);
        assertThat(track.status()).isEqualTo(302);
        assertThat(track.header("Location")).isEqualTo("https://linkedin.com/in/jane");
        Poll.until("both clicks are counted", WAIT, () -> totalClicks(token) == 2);
    }

    @Test
    void lookup_ignores_case_and_what_copy_paste_adds() {
        String token = issue("https://example.com/portfolio");
        for (String variant : new String[] {token.toUpperCase(), token + "/", token + ".", token + ",", token + ")", token + ")."}) {
            HttpJson.Response response = edge.send("GET", "/cv/" + variant.replace(")", "%29"), null, null);
            assertThat(response.status()).as(variant).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo("https://example.com/portfolio");
        }
        Poll.until("six clicks are counted", WAIT, () -> totalClicks(token) == 6);
    }

    @Test
    void an_unknown_token_answers_a_404_page_or_json_when_asked() {
        HttpJson.Response page = edge.send("GET", "/cv/amazon-de-zz9", null, null, "text/html,application/xhtml+xml");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Link not found");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");

        HttpJson.Response json = edge.send("GET", "/cv/amazon-de-zz9", null, null, "application/json");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.json().get("error").asText()).isNotBlank();
    }

    @Test
    void pages_never_reflect_the_request_unescaped() {
        for (String path : new String[] {"/cv/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/cv/a%22onmouseover%3D%22x", "/cv/%3Cimg%20src%3Dx%3E",
            "/nothing/%3Cscript%3E"}) {
            HttpJson.Response response = edge.send("GET", path, null, null, "text/html");
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("<script>").doesNotContain("<img").doesNotContain("onmouseover");
        }
    }

    @Test
    void a_deactivated_link_answers_410_within_seconds() {
        String token = issue("https://example.com/old");
        assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(302);
        Instant deactivatedAt = Instant.now();
        assertThat(tracker.http.send("PATCH", "/api/links/" + token, ADMIN_KEY, "{\"is_active\":false}").status()).isEqualTo(200);

        Poll.until("the edge answers 410", WAIT, () -> edge.send("GET", "/cv/" + token, null, null).status() == 410);
        assertThat(Duration.between(deactivatedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
        HttpJson.Response gone = edge.send("GET", "/cv/" + token, null, null, "text/html");
        assertThat(gone.body()).contains("no longer active");
        assertThat(edge.send("GET", "/cv/" + token, null, null, "application/json").json().get("tracking_id").asText()).isEqualTo(token);
    }

    @Test
    void a_link_deactivated_while_nobody_uses_it_answers_410_on_the_first_request() throws InterruptedException {
        String token = issue("https://example.com/idle");
        assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(302);
        Poll.until("the click is counted", WAIT, () -> totalClicks(token) == 1);
        tracker.http.send("PATCH", "/api/links/" + token, ADMIN_KEY, "{\"is_active\":false}");
        // Deliberately idle: the edge must learn of the deactivation without traffic on the link.
        Thread.sleep(3000);
        assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(410);
        assertThat(totalClicks(token)).isEqualTo(1);
    }

    @Test
    void a_client_collecting_404s_is_throttled_with_retry_after() {
        int refusedAt = -1;
        for (int i = 0; i < 30 && refusedAt < 0; i++) {
            HttpJson.Response response = edge.send("GET", "/cv/amazon-de-z" + (char) ('a' + i % 26) + i, null, null);
            if (response.status() == 429) {
                refusedAt = i;
                assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
            } else {
                assertThat(response.status()).isEqualTo(404);
            }
        }
        assertThat(refusedAt).isEqualTo(RateLimiter.NOT_FOUND_BURST);
        // Once dry, even a valid link is refused until the bucket refills: enumeration stops here.
        String token = issue("https://example.com/after-404s");
        assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(429);
    }

    @Test
    void edge_signals_reach_tracker_api_without_identity() {
        String token = issue("https://example.com/signals");
        HttpRequest prefetch = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/cv/" + token + "?utm_source=mail&other=x"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Sec-Purpose", "prefetch").header("Accept", "text/html").header("User-Agent", "Slackbot-LinkExpanding 1.0")
                .header("Referer", "https://mail.google.com/mail/u/0/#inbox/secret-thread").build();
        assertThat(edge.send(prefetch).status()).isEqualTo(302);
        Poll.until("the click is counted", WAIT, () -> totalClicks(token) == 1);
        try (Database database = tracker.openDatabase()) {
            Map<String, Object> row = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT method, signals, metadata, referrer_host, user_agent, ip_prefix FROM link_clicks WHERE tracking_id = :token")
                    .bind("token", token).mapToMap().one());
            assertThat(row.get("method")).isEqualTo("HEAD");
            assertThat((String) row.get("signals")).contains("\"sec-purpose\":\"prefetch\"").contains("\"accept\":\"text/html\"")
                    .contains("\"accept-language-present\":\"false\"").contains("\"secure-context\":\"true\"");
            assertThat((String) row.get("metadata")).isEqualTo("{\"utm_source\":\"mail\"}");
            assertThat(row.get("referrer_host")).isEqualTo("mail.google.com");
            assertThat(row.get("user_agent")).isEqualTo("Slackbot-LinkExpanding 1.0");
            assertThat(row.get("ip_prefix")).isEqualTo("127.0.0.0/24");
        }
    }

    @Test
    void through_the_edge_a_browsers_navigation_is_a_person_and_the_same_user_agent_from_a_script_is_a_bot() {
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        String instagram = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP3A.240617.008; wv) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 Instagram 339.0.0.31.108 Android (34/14; 480dpi; 1080x2340)";
        String token = issue("https://example.com/headers");
        java.util.function.BiFunction<String, Boolean, Integer> click = (userAgent, browserHeaders) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/cv/" + token)).header("User-Agent", userAgent);
            if (browserHeaders) {
                request.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                        .header("Accept-Language", "en-GB,en;q=0.9").header("Sec-Fetch-Site", "cross-site")
                        .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document").header("Sec-Fetch-User", "?1");
            } else {
                request.header("Accept", "*/*");
            }
            return edge.send(request.build()).status();
        };
        assertThat(click.apply(chrome, true)).isEqualTo(302);
        assertThat(click.apply(instagram, true)).isEqualTo(302);
        assertThat(click.apply(chrome, false)).isEqualTo(302);
        Poll.until("the clicks are counted", WAIT, () -> totalClicks(token) == 3);
        // A browser's navigation with a language but no Fetch Metadata: a script with a borrowed user agent.
        HttpRequest noFetchMetadata = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/cv/" + token)).header("User-Agent", chrome)
                .header("Accept", "text/html").header("Accept-Language", "en").build();
        assertThat(edge.send(noFetchMetadata).status()).isEqualTo(302);
        Poll.until("the fourth click is counted", WAIT, () -> totalClicks(token) == 4);
        try (Database database = tracker.openDatabase()) {
            List<Map<String, Object>> rows = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT user_agent, is_bot, bot_reason FROM link_clicks WHERE tracking_id = :token ORDER BY clicked_at, rowid")
                    .bind("token", token).mapToMap().list());
            assertThat(rows).extracting(row -> row.get("bot_reason")).containsExactly(null, null, "header:no-accept-language",
                    "header:no-sec-fetch;claims=Chrome/131");
        }
    }

    @Test
    void over_plain_http_to_a_public_name_a_browser_without_fetch_metadata_is_not_judged_on_it() throws Exception {
        // Browsers send Sec-Fetch-* only to https and localhost; this request names a public host over http.
        String token = issue("https://example.com/plain-http");
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        URI base = URI.create(edge.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET /cv/" + token + " HTTP/1.1\r\nHost: t.example.dev\r\nUser-Agent: " + chrome
                    + "\r\nAccept: text/html\r\nAccept-Language: en\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 302");
        }
        Poll.until("the click is counted", WAIT, () -> totalClicks(token) == 1);
        try (Database database = tracker.openDatabase()) {
            Map<String, Object> row = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT signals, is_bot FROM link_clicks WHERE tracking_id = :token").bind("token", token).mapToMap().one());
            assertThat((String) row.get("signals")).contains("\"secure-context\":\"false\"");
            assertThat(row.get("is_bot")).isIn(0, 0L, false);
        }
    }

    @Test
    void do_not_track_keeps_only_the_anonymous_count() {
        Poll.until("the edge has today's salt", WAIT, () -> edge.get("/health", null).json().get("visitor_hashing").asBoolean());
        String token = issue("https://example.com/dnt");
        HttpRequest request = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/cv/" + token)).header("DNT", "1").GET().build();
        assertThat(edge.send(request).status()).isEqualTo(302);
        HttpRequest gpc = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/cv/" + token)).header("Sec-GPC", "1").GET().build();
        assertThat(edge.send(gpc).status()).isEqualTo(302);
        Poll.until("both clicks are counted", WAIT, () -> totalClicks(token) == 2);
        assertThat(tracker.analytics(token).json().get("click_statistics").get("unique_sessions").asLong()).isZero();
        try (Database database = tracker.openDatabase()) {
            List<Map<String, Object>> rows = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT ip_prefix, visitor_hash, user_agent, signals FROM link_clicks WHERE tracking_id = :token")
                    .bind("token", token).mapToMap().list());
            assertThat(rows).hasSize(2).allSatisfy(row -> {
                assertThat(row.get("ip_prefix")).isNull();
                assertThat(row.get("visitor_hash")).isNull();
                assertThat(row.get("user_agent")).isNull();
                assertThat((String) row.get("signals")).contains("\"privacy-opt-out\":\"true\"");
            });
        }
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_rightmost_untrusted_hop_of_every_forwarded_line() {
        Javalin proxied = RedirectorApp.create(new RedirectorConfig(0, URI.create(tracker.baseUrl()), tracker.createKey("redirector"),
                directory.resolve("proxied-edge"), Duration.ofSeconds(1), TrustedProxies.parse("127.0.0.1"), 1L << 30, 20),
                Clock.systemUTC()).start("127.0.0.1", 0);
        try {
            String token = issue("https://example.com/proxied");
            // The client wrote the first line itself; the proxy added the second.
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxied.port() + "/cv/" + token))
                    .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "203.0.113.9").GET().build();
            assertThat(edge.send(request).status()).isEqualTo(302);
            Poll.until("the click is counted", WAIT, () -> totalClicks(token) == 1);
            try (Database database = tracker.openDatabase()) {
                String prefix = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT ip_prefix FROM link_clicks WHERE tracking_id = :token").bind("token", token).mapTo(String.class).one());
                assertThat(prefix).isEqualTo("203.0.113.0/24");
            }
        } finally {
            proxied.stop();
        }
    }

    @Test
    void a_graceful_stop_ships_the_clicks_still_waiting() {
        String token = issue("https://example.com/stop");
        for (int i = 0; i < 20; i++) {
            assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(302);
        }
        redirector.stop();
        assertThat(totalClicks(token)).isEqualTo(20);
        redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create(tracker.baseUrl()), tracker.createKey("redirector"),
                directory.resolve("edge-2")), Clock.systemUTC()).start("127.0.0.1", 0);
    }

    @Test
    void slow_clients_holding_half_sent_requests_do_not_block_redirects() throws Exception {
        String token = issue("https://example.com/slowloris");
        List<Socket> slow = new ArrayList<>();
        try {
            // More half-open requests than the server has threads; each sends a request line and stalls.
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", redirector.port());
                socket.getOutputStream().write(("GET /cv/" + token + " HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            HttpJson.Response response = edge.send("GET", "/cv/" + token, null, null);
            assertThat(response.status()).isEqualTo(302);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void health_answers_without_tracker_api() {
        tracker.close();
        HttpJson.Response health = edge.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("service").asText()).isEqualTo("redirector");
        tracker = TrackerApiServer.start(directory, "http://localhost:8080");
    }
}
