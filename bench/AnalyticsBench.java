import dev.tracerlinks.model.Json;
import dev.tracerlinks.tracker.TrackerApp;
import dev.tracerlinks.tracker.TrackerConfig;
import dev.tracerlinks.tracker.classification.BurstDetector;
import dev.tracerlinks.tracker.clicks.ClickStore;
import dev.tracerlinks.tracker.clicks.RunningSums;
import dev.tracerlinks.tracker.clicks.StoredClick;
import dev.tracerlinks.tracker.db.Database;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Analytics at scale: loads synthetic clicks (default 10 M over 1,000 jobs, 10,000 links, 180 days)
 * into a fresh SQLite file, starts tracker-api on it and times each analytics endpoint (p50, p95);
 * then measures batch ingestion through POST /api/link-tracking/record-clicks into an empty database.
 * Run: java -cp tracker-api/target/tracker-api.jar bench/AnalyticsBench.java <work-dir> [clicks] [runs]
 */
public class AnalyticsBench {
    static final String ADMIN = "bench-admin";
    static final int JOBS = 1_000;
    static final int LINKS = 10_000;
    static final int DAYS = 180;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long clicks = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Files.createDirectories(work);
        Path dbFile = work.resolve("analytics.db");
        // BENCH_REUSE_DB=1 keeps a database loaded by an earlier run (same click count), to time queries again.
        boolean reuse = "1".equals(System.getenv("BENCH_REUSE_DB")) && Files.exists(dbFile);
        if (!reuse) {
            Files.deleteIfExists(dbFile);
        }
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        Instant start = end.minus(Duration.ofDays(DAYS));

        long loadStarted = System.nanoTime();
        if (!reuse) {
            try (Database database = Database.openSqlite(dbFile)) {
                load(database, clicks, start, end);
            }
        }
        System.out.printf("loaded %,d clicks in %.0f s (%s)%n", clicks, (System.nanoTime() - loadStarted) / 1e9, dbFile);

        try (Database database = Database.openSqlite(dbFile)) {
            TrackerConfig config = TrackerConfig.fromEnv(java.util.Map.of("TRACKER_DB", dbFile.toString(), "TRACKER_ADMIN_KEY", ADMIN, "TRACER_PUBLIC_BASE_URL", "https://t.example.dev", "TRACER_ALLOW_PRIVATE_BASE_URL", "true"));
            Javalin app = TrackerApp.create(config, database, Clock.fixed(end, java.time.ZoneOffset.UTC)).start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();
            String full = "from=" + start + "&to=" + end;
            String month = "from=" + end.minus(Duration.ofDays(30)) + "&to=" + end;
            // Not on day boundaries, like the default range (the last 30 days up to now): partial days come from clicks.
            String ragged = "from=" + end.minus(Duration.ofDays(30)).minus(Duration.ofHours(7)) + "&to=" + end.minus(Duration.ofHours(5));
            // Not on hours either: the minutes short of a whole hour at each end are read from clicks.
            String minutes = "from=" + end.minus(Duration.ofDays(30)).minus(Duration.ofMinutes(7 * 60 - 13))
                    + "&to=" + end.minus(Duration.ofMinutes(5 * 60 - 41));
            String[][] routes = {
                {"summary, 180 days", "/api/analytics/summary?" + full},
                {"summary, 30 days", "/api/analytics/summary?" + month},
                {"top-jobs, 180 days", "/api/analytics/top-jobs?" + full},
                {"top-links, 180 days", "/api/analytics/top-links?" + full},
                {"timeseries day, 180 days", "/api/analytics/timeseries?interval=day&" + full},
                {"timeseries hour, 30 days", "/api/analytics/timeseries?interval=hour&" + month},
                {"summary, 30 days, hours", "/api/analytics/summary?" + ragged},
                {"top-jobs, 30 days, hours", "/api/analytics/top-jobs?" + ragged},
                {"top-links, 30 days, hours", "/api/analytics/top-links?" + ragged},
                {"timeseries hour, hours", "/api/analytics/timeseries?interval=hour&" + ragged},
                {"summary, 30 days, minutes", "/api/analytics/summary?" + minutes},
                {"top-jobs, 30 days, minutes", "/api/analytics/top-jobs?" + minutes},
                {"top-links, 30 days, minutes", "/api/analytics/top-links?" + minutes},
                {"summary, 24 hours, minutes", "/api/analytics/summary?from=" + end.minus(Duration.ofMinutes(29 * 60 - 41))
                        + "&to=" + end.minus(Duration.ofMinutes(5 * 60 - 41))},
                {"job drilldown, 180 days", "/api/jobs/job-0042/analytics?" + full},
                {"job drilldown, hours", "/api/jobs/job-0042/analytics?" + ragged},
                {"busiest job drilldown", "/api/jobs/job-0000/analytics?" + full},
                {"guide link analytics", "/api/link-tracking/analytics/bench-aaaa"},
            };
            HttpClient http = HttpClient.newHttpClient();
            // A top list first: it brings the running sums and counts left stale by the load up to date.
            long firstRead = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/analytics/top-links?" + month)).header("Authorization", "Bearer " + ADMIN)
                    .build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("first read (running sums of every link and job computed): %.1f s; database %,d MB%n",
                    (System.nanoTime() - firstRead) / 1e9, Files.size(dbFile) / 1_000_000);
            System.out.println("endpoint                      p50 ms   p95 ms   (" + runs + " runs after 1 warm-up)");
            for (String[] route : routes) {
                double[] millis = new double[runs];
                for (int run = -1; run < millis.length; run++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + route[1]))
                            .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(route[1] + " answered " + response.statusCode() + ": " + response.body());
                    }
                    if (run >= 0) {
                        millis[run] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                Arrays.sort(millis);
                System.out.printf("%-28s %7.1f  %7.1f%n", route[0], millis[(runs - 1) / 2],
                        millis[(int) Math.ceil(runs * 0.95) - 1]);
            }
            app.stop();
        }
        if (!"1".equals(System.getenv("BENCH_SKIP_INGEST"))) {
            ingest(work.resolve("ingest.db"), end);
        }
    }

    static void load(Database database, long clicks, Instant start, Instant end) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        try (Connection connection = database.jdbi().open().getConnection()) {
            // Loading only: no fsync per commit and a large page cache.
            try (var pragmas = connection.createStatement()) {
                pragmas.execute("PRAGMA synchronous = OFF");
                pragmas.execute("PRAGMA cache_size = -4000000");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement job = connection.prepareStatement(
                    "INSERT INTO jobs (job_id, company, title, tracer_links_enabled, created_at, updated_at) VALUES (?, ?, 'Engineer', 1, 0, 0)")) {
                for (int i = 0; i < JOBS; i++) {
                    job.setString(1, String.format("job-%04d", i));
                    job.setString(2, "Company " + i);
                    job.addBatch();
                }
                job.executeBatch();
            }
            try (PreparedStatement link = connection.prepareStatement("""
                    INSERT INTO link_tracking (tracking_id, job_id, link_function, link_type, original_url, redirect_url, source_path,
                                               created_at, is_active, change_seq)
                    VALUES (?, ?, 'GitHub', 'resume_link', ?, ?, ?, 0, 1, ?)""")) {
                for (int i = 0; i < LINKS; i++) {
                    String token = i == 0 ? "bench-aaaa" : "bench-" + Integer.toString(i, 36) + "-x";
                    link.setString(1, token);
                    link.setString(2, String.format("job-%04d", i % JOBS));
                    link.setString(3, "https://example.com/" + i);
                    link.setString(4, "https://t.example.dev/cv/" + token);
                    link.setString(5, "p" + i);
                    link.setLong(6, i + 1);
                    link.addBatch();
                }
                link.executeBatch();
            }
            connection.commit();
        }
        // Clicks go through the click store, which keeps the rollups, in batches of 10,000 in random time order.
        ClickStore store = new ClickStore(database.engine(), new BurstDetector(), new RunningSums(database.engine()), () -> { });
        String[] hosts = {null, null, "mail.google.com", "www.linkedin.com", "outlook.office.com", "example.org"};
        String[] sources = {"direct", "direct", "email", "linkedin", "email", "external"};
        long span = end.toEpochMilli() - start.toEpochMilli();
        List<StoredClick> batch = new ArrayList<>();
        for (long i = 0; i < clicks; i++) {
            int linkIndex = (int) Math.min(LINKS - 1, Math.abs(random.nextGaussian()) * LINKS / 3);
            long at = start.toEpochMilli() + random.nextLong(span);
            boolean bot = random.nextInt(10) == 0;
            int host = random.nextInt(hosts.length);
            batch.add(new StoredClick(new UUID(random.nextLong(), random.nextLong()).toString(),
                    linkIndex == 0 ? "bench-aaaa" : "bench-" + Integer.toString(linkIndex, 36) + "-x", Instant.ofEpochMilli(at),
                    Instant.ofEpochMilli(at), "203.0.113.0/24", Long.toHexString(random.nextLong(2_000_000)) + "-" + (at / 86_400_000),
                    "Mozilla/5.0", hosts[host], null, sources[host], "GET", "{}", "{}", bot, bot ? "ua:Slackbot" : null));
            if (batch.size() == 10_000 || i == clicks - 1) {
                List<StoredClick> written = List.copyOf(batch);
                database.jdbi().useTransaction(handle -> store.insert(handle, written));
                batch.clear();
            }
        }
    }

    /** Clicks per second through the real batch endpoint, 1000 per request, classification included. */
    static void ingest(Path dbFile, Instant now) throws Exception {
        Files.deleteIfExists(dbFile);
        try (Database database = Database.openSqlite(dbFile)) {
            TrackerConfig config = TrackerConfig.fromEnv(java.util.Map.of("TRACKER_DB", dbFile.toString(), "TRACKER_ADMIN_KEY", ADMIN, "TRACER_PUBLIC_BASE_URL", "https://t.example.dev", "TRACER_ALLOW_PRIVATE_BASE_URL", "true"));
            Javalin app = TrackerApp.create(config, database, Clock.systemUTC()).start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();
            HttpClient http = HttpClient.newHttpClient();
            send(http, "PUT", base + "/api/jobs/j1", "{\"company\":\"Bench\"}");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String body = send(http, "POST", base + "/api/links",
                        "{\"job_id\":\"j1\",\"source_path\":\"p" + i + "\",\"destination_url\":\"https://example.com/" + i + "\"}");
                tokens.add(body.replaceAll(".*\"tracking_id\":\"([^\"]+)\".*", "$1"));
            }
            SplittableRandom random = new SplittableRandom(7);
            int batches = 200;
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 1000; i++) {
                    if (i > 0) {
                        body.append(',');
                    }
                    body.append(Json.newMapper().createObjectNode()
                            .put("click_id", UUID.randomUUID().toString())
                            .put("tracking_id", tokens.get(random.nextInt(tokens.size())))
                            .put("clicked_at", Instant.now().minusSeconds(random.nextInt(86_400)).toString())
                            .put("ip_prefix", "203.0.113.0/24")
                            .put("visitor_hash", String.format("%032x", random.nextLong(1_000_000)))
                            .put("user_agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36")
                            .put("method", "GET"));
                }
                bodies.add(body.append(']').toString());
            }
            long t0 = System.nanoTime();
            for (String body : bodies) {
                send(http, "POST", base + "/api/link-tracking/record-clicks", body);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ingest: %,d clicks in %.1f s through record-clicks = %,.0f clicks/s%n", batches * 1000, seconds,
                    batches * 1000 / seconds);
            // The first read after ingestion brings the running sums and counts the clicks made stale up to date.
            long read = System.nanoTime();
            send(http, "GET", base + "/api/analytics/top-links?from=" + Instant.now().minus(Duration.ofDays(2)) + "&to=" + Instant.now(), "");
            System.out.printf("first top-links read after ingest (stale running sums recomputed): %.2f s%n", (System.nanoTime() - read) / 1e9);
            app.stop();
        }
    }

    static String send(HttpClient http, String method, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
