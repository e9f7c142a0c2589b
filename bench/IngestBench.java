import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Batch ingest through POST /api/link-tracking/record-clicks, for several tracker-api jars side by side:
 * each round starts every jar in turn as its own process on a fresh SQLite file, issues 10 jobs x 10
 * links, and posts the same batches of 1,000 clicks (browser user agent, ~100,000 visitors, the last
 * 24 hours in random order within each batch, as from several redirectors); it reports clicks/s and
 * the first top-links read after it. Only HTTP and the jar's create-key command are used, so jars of
 * earlier releases run unchanged (a release that took the admin key for clicks gets that).
 * Run: java bench/IngestBench.java <work-dir> <rounds> <batches> <name=jar>...
 */
public class IngestBench {
    static final String ADMIN = "bench-admin";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int batches = Integer.parseInt(args[2]);
        List<String[]> jars = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            jars.add(args[i].split("=", 2));
        }
        Files.createDirectories(work);
        List<String> bodies = null;
        for (int round = 1; round <= rounds; round++) {
            for (String[] jar : jars) {
                int port = freePort();
                Map<String, String> env = new java.util.HashMap<>(Map.of("TRACKER_DB", work.resolve(jar[0] + "-" + round + ".db").toString(),
                        "TRACKER_ADMIN_KEY", ADMIN, "TRACKER_PORT", Integer.toString(port), "TRACER_PUBLIC_BASE_URL", "https://t.example.dev"));
                if (jar[0].endsWith("-pg")) {
                    // On the PostgreSQL server ingest.sh started (BENCH_PG=host:port, BENCH_PG_BIN its binaries): a new database each run.
                    String database = jar[0].replace('-', '_') + "_" + round;
                    String[] server = System.getenv("BENCH_PG").split(":");
                    Process create = new ProcessBuilder(System.getenv("BENCH_PG_BIN") + "/createdb", "-h", server[0], "-p", server[1],
                            "-U", "tracker", database).inheritIO().start();
                    if (create.waitFor() != 0) {
                        throw new IllegalStateException("createdb " + database + " failed");
                    }
                    env.put("TRACKER_DB", "jdbc:postgresql://" + System.getenv("BENCH_PG") + "/" + database);
                    env.put("TRACKER_DB_USER", "tracker");
                }
                String clickKey = createRedirectorKey(jar[1], env).orElse(ADMIN);
                ProcessBuilder builder = new ProcessBuilder("java", "-Xmx1g", "-jar", jar[1])
                        .redirectErrorStream(true).redirectOutput(work.resolve(jar[0] + "-" + round + ".log").toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                try {
                    String base = "http://127.0.0.1:" + port;
                    awaitHealth(base);
                    List<String> tokens = new ArrayList<>();
                    for (int job = 0; job < 10; job++) {
                        send("PUT", base + "/api/jobs/j" + job, ADMIN, "{\"company\":\"Bench " + job + "\"}");
                        for (int link = 0; link < 10; link++) {
                            String body = send("POST", base + "/api/links", ADMIN, "{\"job_id\":\"j" + job + "\",\"source_path\":\"p" + link
                                    + "\",\"destination_url\":\"https://example.com/" + job + "/" + link + "\"}");
                            Matcher id = Pattern.compile("\"tracking_id\":\"([^\"]+)\"").matcher(body);
                            id.find();
                            tokens.add(id.group(1));
                        }
                    }
                    // The same clicks for every jar: tokens differ per database, so bodies are made per run from one seed.
                    bodies = batches(tokens, batches);
                    long t0 = System.nanoTime();
                    for (String body : bodies) {
                        send("POST", base + "/api/link-tracking/record-clicks", clickKey, body);
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long read = System.nanoTime();
                    send("GET", base + "/api/analytics/top-links?from=" + Instant.now().minus(Duration.ofDays(2)) + "&to=" + Instant.now(),
                            ADMIN, null);
                    double readSeconds = (System.nanoTime() - read) / 1e9;
                    System.out.printf("round %d  %-10s ingest %,9.0f clicks/s (%,d clicks in %.1f s)  first top-links read %.2f s%n",
                            round, jar[0], batches * 1000 / seconds, batches * 1000, seconds, readSeconds);
                } finally {
                    process.destroy();
                    process.waitFor();
                }
            }
        }
    }

    static List<String> batches(List<String> tokens, int batches) {
        SplittableRandom random = new SplittableRandom(7);
        Instant now = Instant.now();
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 1000; i++) {
                body.append(i > 0 ? "," : "").append("{\"click_id\":\"").append(new UUID(random.nextLong(), random.nextLong()))
                        .append("\",\"tracking_id\":\"").append(tokens.get(random.nextInt(tokens.size())))
                        .append("\",\"clicked_at\":\"").append(now.minusMillis(random.nextLong(86_400_000L)))
                        .append("\",\"ip_prefix\":\"203.0.113.0/24\",\"visitor_hash\":\"")
                        .append(String.format("%032x", random.nextLong(100_000)))
                        .append("\",\"user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                                + " Chrome/131.0.0.0 Safari/537.36\",\"method\":\"GET\"}");
            }
            bodies.add(body.append(']').toString());
        }
        return bodies;
    }

    /** A redirector key made with the jar's create-key command, or empty for a release without it. */
    static java.util.Optional<String> createRedirectorKey(String jar, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar, "create-key", "redirector").redirectErrorStream(false);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(out);
        return process.exitValue() == 0 && key.find() ? java.util.Optional.of(key.group(1)) : java.util.Optional.empty();
    }

    static void awaitHealth(String base) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(base + " did not come up");
    }

    static String send(String method, String url, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key);
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
