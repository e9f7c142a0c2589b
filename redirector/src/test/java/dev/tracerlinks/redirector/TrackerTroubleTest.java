package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.Json;
import dev.tracerlinks.tracker.HttpJson;
import dev.tracerlinks.tracker.Poll;
import dev.tracerlinks.tracker.TrackerApiServer;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redirect must not depend on tracker-api being fast, or up, once a link is known. */
class TrackerTroubleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;


    @Test
    void a_stuck_click_endpoint_does_not_hold_up_redirects_and_only_prefixes_leave_the_edge() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        CountDownLatch release = new CountDownLatch(1);
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        List<String> rawBodies = new CopyOnWriteArrayList<>();
        Javalin fakeTracker = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/api/links/{token}", ctx -> ctx.contentType("application/json").result(mapper.writeValueAsString(Map.of(
                    "tracking_id", ctx.pathParam("token"), "original_url", "https://example.com/" + ctx.pathParam("token"),
                    "is_active", true))));
            cfg.routes.get("/api/links/changes", ctx -> ctx.contentType("application/json").result(
                    "{\"links\":[],\"next_seq\":0,\"has_more\":false}"));
            cfg.routes.get("/api/visitor-salt", ctx -> ctx.contentType("application/json").result(mapper.writeValueAsString(Map.of(
                    "day", LocalDate.now(ZoneOffset.UTC).toString(), "salt", "test-salt"))));
            cfg.routes.post("/api/link-tracking/record-clicks", ctx -> {
                // Shorter than the client's 10 s timeout, so a slow run never turns into a redelivery.
                release.await(8, TimeUnit.SECONDS);
                rawBodies.add(ctx.body());
                JsonNode batch = mapper.readTree(ctx.body());
                batch.forEach(received::add);
                ctx.contentType("application/json").result(mapper.writeValueAsString(Map.of(
                        "received", batch.size(), "recorded", batch.size(), "duplicates", 0, "unknown_tracking_ids", List.of(),
                        "rejected", List.of())));
            });
        }).start("127.0.0.1", 0);
        Javalin redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create("http://127.0.0.1:" + fakeTracker.port()),
                "key", directory.resolve("edge")), Clock.systemUTC()).start("127.0.0.1", 0);
        try {
            HttpJson edge = new HttpJson("http://127.0.0.1:" + redirector.port());
            for (int i = 0; i < 20; i++) {
                HttpJson.Response response = edge.send("GET", "/cv/acme-" + (char) ('a' + i % 3) + "x", null, null);
                assertThat(response.status()).isEqualTo(302);
            }
            // All 20 redirects were answered while the click endpoint was still blocked.
            assertThat(received).isEmpty();
            assertThat(edge.get("/health", null).json().get("clicks_pending").asInt()).isEqualTo(20);

            release.countDown();
            Poll.until("all clicks arrive", WAIT, () -> received.size() == 20);
            assertThat(received).allSatisfy(click -> {
                assertThat(click.get("click_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
                assertThat(click.get("ip_prefix").asText()).isEqualTo("127.0.0.0/24");
                assertThat(click.get("ip_address").isNull()).isTrue();
                assertThat(click.get("method").asText()).isEqualTo("GET");
            });
            assertThat(received.stream().map(click -> click.get("click_id").asText()).distinct()).hasSize(20);
            assertThat(String.join("", rawBodies)).doesNotContain("127.0.0.1");
        } finally {
            release.countDown();
            redirector.stop();
            fakeTracker.stop();
        }
    }

    @Test
    void a_batch_too_large_for_tracker_api_is_sent_in_smaller_pieces_and_nothing_is_set_aside() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        CountDownLatch open = new CountDownLatch(1);
        List<Integer> accepted = new CopyOnWriteArrayList<>();
        Javalin fakeTracker = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/api/links/changes", ctx -> ctx.contentType("application/json").result(
                    "{\"links\":[],\"next_seq\":0,\"has_more\":false,\"latest_seq\":0}"));
            cfg.routes.get("/api/links/{token}", ctx -> ctx.contentType("application/json").result(mapper.writeValueAsString(Map.of(
                    "tracking_id", ctx.pathParam("token"), "original_url", "https://example.com/", "is_active", true))));
            cfg.routes.post("/api/link-tracking/record-clicks", ctx -> {
                int size = mapper.readTree(ctx.body()).size();
                if (open.getCount() > 0) {
                    ctx.status(503);
                } else if (size > 2) {
                    ctx.status(413);
                } else {
                    accepted.add(size);
                    ctx.contentType("application/json").result(mapper.writeValueAsString(Map.of("received", size, "recorded", size,
                            "duplicates", 0, "unknown_tracking_ids", List.of(), "rejected", List.of())));
                }
            });
        }).start("127.0.0.1", 0);
        Path edgeData = directory.resolve("edge");
        Javalin redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create("http://127.0.0.1:" + fakeTracker.port()),
                "key", edgeData), Clock.systemUTC()).start("127.0.0.1", 0);
        try {
            HttpJson edge = new HttpJson("http://127.0.0.1:" + redirector.port());
            for (int i = 0; i < 9; i++) {
                assertThat(edge.send("GET", "/cv/acme-xx", null, null).status()).isEqualTo(302);
            }
            open.countDown();
            Poll.until("all clicks are accepted", WAIT, () -> accepted.stream().mapToInt(Integer::intValue).sum() == 9);
            assertThat(edgeData.resolve("outbox/refused.jsonl")).doesNotExist();
        } finally {
            redirector.stop();
            fakeTracker.stop();
        }
    }

    @Test
    void a_flood_of_one_unknown_token_reaches_tracker_api_once() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Javalin fakeTracker = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/api/links/changes", ctx -> ctx.contentType("application/json").result(
                    "{\"links\":[],\"next_seq\":0,\"has_more\":false,\"latest_seq\":0}"));
            cfg.routes.get("/api/links/{token}", ctx -> {
                lookups.incrementAndGet();
                ctx.status(404).contentType("application/json").result("{\"error\":\"Link not found or expired\"}");
            });
        }).start("127.0.0.1", 0);
        RedirectorConfig defaults = RedirectorConfig.of(0, URI.create("http://127.0.0.1:" + fakeTracker.port()), "key",
                directory.resolve("edge"));
        Javalin redirector = RedirectorApp.create(new RedirectorConfig(defaults.port(), defaults.trackerApiUrl(),
                defaults.trackerApiKey(), defaults.dataDir(), defaults.replicaSyncInterval(), defaults.trustedProxies(),
                defaults.outboxMaxBytes(), 0), Clock.systemUTC()).start("127.0.0.1", 0);
        try {
            HttpJson edge = new HttpJson("http://127.0.0.1:" + redirector.port());
            for (int i = 0; i < 50; i++) {
                assertThat(edge.send("GET", "/cv/acme-zz", null, null).status()).isEqualTo(404);
            }
            assertThat(lookups.get()).isEqualTo(1);
        } finally {
            redirector.stop();
            fakeTracker.stop();
        }
    }

    @Test
    void known_links_keep_redirecting_while_tracker_api_is_down_and_their_clicks_arrive_later() {
        TrackerApiServer tracker = TrackerApiServer.start(directory, "http://localhost:8080");
        int trackerPort = tracker.port();
        String key = tracker.createKey("redirector");
        tracker.putJob("j1", "Acme");
        String token = tracker.issueLink("j1", "p1", "https://example.com/cv").json().get("tracking_id").asText();
        Javalin redirector = RedirectorApp.create(RedirectorConfig.of(0, URI.create(tracker.baseUrl()), key, directory.resolve("edge")),
                Clock.systemUTC()).start("127.0.0.1", 0);
        HttpJson edge = new HttpJson("http://127.0.0.1:" + redirector.port());
        try {
            assertThat(edge.send("GET", "/cv/" + token, null, null).status()).isEqualTo(302);
            Poll.until("the first click is stored", WAIT, () -> tracker.analytics(token).json().get("click_statistics").get("total_clicks").asLong() == 1);
            tracker.close();

            for (int i = 0; i < 5; i++) {
                HttpJson.Response response = edge.send("GET", "/cv/" + token, null, null);
                assertThat(response.status()).isEqualTo(302);
                assertThat(response.header("Location")).isEqualTo("https://example.com/cv");
            }
            HttpJson.Response neverSeen = edge.send("GET", "/cv/acme-zz", null, null, "application/json");
            assertThat(neverSeen.status()).isEqualTo(503);
            assertThat(neverSeen.header("Retry-After")).isNotNull();

            TrackerApiServer restarted = TrackerApiServer.start(directory, "http://localhost:8080", trackerPort);
            try {
                Poll.until("the five outage clicks arrive", WAIT,
                        () -> restarted.analytics(token).json().get("click_statistics").get("total_clicks").asLong() == 6);
            } finally {
                restarted.close();
            }
        } finally {
            redirector.stop();
        }
    }
}
