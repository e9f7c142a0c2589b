package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.HttpJson;
import dev.tracerlinks.tracker.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both services as separate JVMs, killed and restarted for real: no click is lost or counted twice,
 * known links keep redirecting, and a client address never reaches a disk or a log.
 */
class FaultToleranceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN_KEY = "fault-test-admin-key";
    private static final String CLIENT_V4 = "203.0.113.77";
    private static final String CLIENT_V6 = "2001:db8:abcd:12::77";

    @TempDir
    Path directory;
    int trackerPort;
    int edgePort;
    ChildJvm tracker;
    ChildJvm edge;
    String redirectorKey;
    final List<String> tokens = new ArrayList<>();

    @BeforeEach
    void start() {
        trackerPort = ChildJvm.freePort();
        edgePort = ChildJvm.freePort();
        tracker = startTracker();
        HttpJson api = new HttpJson(tracker.baseUrl());
        // As the create-key command makes it on the server: the API refuses the redirector scope.
        try (dev.tracerlinks.tracker.db.Database database = dev.tracerlinks.tracker.db.Database.openSqlite(directory.resolve("tracker/tracker.db"))) {
            redirectorKey = new dev.tracerlinks.tracker.keys.ApiKeys(database.jdbi(), java.time.Clock.systemUTC(), java.util.Optional.empty())
                    .create(List.of("redirector"), "edge").key();
        }
        api.send("PUT", "/api/jobs/j1", ADMIN_KEY, "{\"company\":\"Amazon DE\"}");
        for (int i = 0; i < 3; i++) {
            tokens.add(api.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of("job_id", "j1", "source_path", "p" + i,
                    "destination_url", "https://example.com/" + i))).json().get("tracking_id").asText());
        }
        edge = startEdge();
        awaitLinksKnown(edge, tokens.size());
    }

    @AfterEach
    void stop() {
        for (ChildJvm child : new ChildJvm[] {edge, tracker}) {
            if (child != null) {
                child.kill();
            }
        }
    }

    private ChildJvm startTracker() {
        return ChildJvm.start("dev.tracerlinks.tracker.Main", Map.of(
                "TRACKER_PORT", String.valueOf(trackerPort),
                "TRACKER_DB", directory.resolve("tracker/tracker.db").toString(),
                "TRACKER_ADMIN_KEY", ADMIN_KEY,
                "TRACER_PUBLIC_BASE_URL", "http://127.0.0.1:" + edgePort), trackerPort, directory.resolve("tracker.log"));
    }

    private ChildJvm startEdge() {
        return ChildJvm.start("dev.tracerlinks.redirector.Main", Map.of(
                "REDIRECTOR_PORT", String.valueOf(edgePort),
                "TRACKER_API_URL", "http://127.0.0.1:" + trackerPort,
                "TRACKER_API_KEY", redirectorKey,
                "REDIRECTOR_DATA_DIR", directory.resolve("edge").toString(),
                "REDIRECTOR_TRUSTED_PROXIES", "127.0.0.1/32, ::1",
                "REDIRECTOR_RATE_LIMIT", "0"), edgePort, directory.resolve("redirector.log"));
    }

    private int redirect(int times, String forwardedFor) {
        HttpJson http = new HttpJson(edge.baseUrl());
        for (int i = 0; i < times; i++) {
            String token = tokens.get(i % tokens.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge.baseUrl() + "/cv/" + token))
                    .header("User-Agent", "Mozilla/5.0 (fault test)");
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            HttpJson.Response response = http.send(request.build());
            assertThat(response.status()).as("redirect %d of %s", i, token).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo("https://example.com/" + (i % tokens.size()));
        }
        return times;
    }

    private long storedClicks() {
        HttpJson api = new HttpJson(tracker.baseUrl());
        long total = 0;
        for (String token : tokens) {
            total += api.get("/api/link-tracking/analytics/" + token + "?include_bots=true", ADMIN_KEY).json().get("click_statistics").get("total_clicks").asLong();
        }
        return total;
    }

    private static void awaitLinksKnown(ChildJvm edge, int count) {
        HttpJson http = new HttpJson(edge.baseUrl());
        Poll.until("the edge knows " + count + " links", WAIT, () -> http.get("/health", null).json().get("links_known").asInt() >= count);
    }


    /** Settles: the edge has nothing pending and the count reached {@code expected}; a late duplicate would then show. */
    private void assertExactlyStored(long expected) throws InterruptedException {
        HttpJson http = new HttpJson(edge.baseUrl());
        Poll.until("the outbox is empty", WAIT, () -> http.get("/health", null).json().get("clicks_pending").asLong() == 0);
        Poll.until(expected + " clicks are stored", WAIT, () -> storedClicks() >= expected);
        // Deliberately idle for longer than a shipper cycle: a redelivered batch would land now.
        Thread.sleep(1000);
        assertThat(storedClicks()).isEqualTo(expected);
    }

    @Test
    void tracker_api_killed_while_ingesting_a_backlog_still_ends_with_every_click_once() throws InterruptedException {
        tracker.kill();
        long sent = redirect(300, null);
        tracker = startTracker();
        // Kill it again as soon as the first batch is in: the edge may get no answer for a stored batch.
        Poll.until("clicks start arriving", WAIT, () -> storedClicks() > 0);
        tracker.kill();
        tracker = startTracker();
        assertExactlyStored(sent);
    }

    @Test
    void redirects_during_a_tracker_outage_are_all_counted_once_it_returns() throws InterruptedException {
        long sent = redirect(6, null);
        assertExactlyStored(sent);

        tracker.kill();
        sent += redirect(30, null);
        tracker = startTracker();
        assertExactlyStored(sent);
    }

    @Test
    void a_killed_redirector_loses_no_click_and_a_cold_start_during_an_outage_serves_known_links() throws InterruptedException {
        tracker.kill();
        long sent = redirect(25, null);
        edge.kill();

        // Cold start with tracker-api still down: the replica on disk answers.
        edge = startEdge();
        sent += redirect(10, null);
        edge.kill();

        tracker = startTracker();
        edge = startEdge();
        assertExactlyStored(sent);

        // Killed while shipping with tracker-api up: still exactly once.
        sent += redirect(40, null);
        edge.kill();
        edge = startEdge();
        assertExactlyStored(sent);
    }

    @Test
    void a_client_address_from_a_trusted_proxy_appears_nowhere_on_disk() throws IOException, InterruptedException {
        long sent = redirect(3, "198.51.100.1, " + CLIENT_V4);
        sent += redirect(3, CLIENT_V6);
        assertExactlyStored(sent);
        // Stop both so that logs and databases are complete on disk.
        edge.kill();
        tracker.kill();
        edge = null;
        tracker = null;

        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(file -> file.getFileName().toString().startsWith("clicks-"))
                .anyMatch(file -> file.getFileName().toString().equals("links.jsonl"))
                .anyMatch(file -> file.getFileName().toString().startsWith("tracker.db"))
                .anyMatch(file -> file.getFileName().toString().endsWith(".log"));
        for (Path file : files) {
            assertThat(latin1(file)).as(file.toString())
                    .doesNotContain(CLIENT_V4)
                    .doesNotContain(CLIENT_V6)
                    .doesNotContain("abcd:12::77")
                    .doesNotContain("198.51.100.1");
        }
        // What was kept is the prefix of the forwarded address: it was believed (not the proxy's), and cut.
        String database = files.stream().filter(file -> file.getFileName().toString().startsWith("tracker.db"))
                .map(FaultToleranceTest::latin1).reduce("", String::concat);
        assertThat(database).contains("203.0.113.0/24").contains("2001:db8:abcd::/48").doesNotContain("127.0.0.0/24");
    }

    private static String latin1(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
