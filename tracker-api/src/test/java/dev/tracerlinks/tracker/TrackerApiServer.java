package dev.tracerlinks.tracker;

import dev.tracerlinks.tracker.db.Database;
import dev.tracerlinks.tracker.db.DatabaseLocation;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real tracker-api on a free port with its SQLite file in the given directory, for tests of this
 * module and the redirector's end-to-end tests; in the run that repeats them on PostgreSQL
 * ({@link PostgresCluster#SELECTED}), with a database of the shared throw-away cluster instead, one per
 * directory (a server restarted on the same directory finds its data). Stop it with {@link #close()}.
 */
public final class TrackerApiServer implements AutoCloseable {
    public static final String ADMIN_KEY = "test-admin-key-0123456789";

    private final Database database;
    private final Javalin app;
    private final DatabaseLocation location;
    public final HttpJson http;
    private static final Map<Path, String> POSTGRES_DATABASES = new java.util.concurrent.ConcurrentHashMap<>();

    private TrackerApiServer(Database database, Javalin app, DatabaseLocation location) {
        this.database = database;
        this.app = app;
        this.location = location;
        this.http = new HttpJson("http://127.0.0.1:" + app.port());
    }

    public static TrackerApiServer start(Path directory, String publicBaseUrl) {
        return start(directory, publicBaseUrl, 0);
    }

    /** Port 0 picks a free port; a fixed port lets a test restart the server where a client expects it. */
    public static TrackerApiServer start(Path directory, String publicBaseUrl, int port) {
        return start(directory, publicBaseUrl, port, Map.of());
    }

    /** {@code environment}: more of tracker-api's settings, by their variable names, over the test defaults. */
    public static TrackerApiServer start(Path directory, String publicBaseUrl, int port, Map<String, String> environment) {
        Path databaseFile = directory.resolve("tracker.db");
        Map<String, String> env = new HashMap<>(Map.of(
                "TRACKER_PORT", String.valueOf(port),
                "TRACKER_DB", databaseFile.toString(),
                "TRACKER_ADMIN_KEY", ADMIN_KEY,
                "TRACER_PUBLIC_BASE_URL", publicBaseUrl,
                "TRACER_ALLOW_PRIVATE_BASE_URL", "true"));
        if (PostgresCluster.SELECTED && !environment.containsKey("TRACKER_DB")) {
            env.put("TRACKER_DB", POSTGRES_DATABASES.computeIfAbsent(directory.toAbsolutePath(),
                    key -> PostgresCluster.shared().newDatabase()));
            env.put("TRACKER_DB_USER", PostgresCluster.USER);
        }
        env.putAll(environment);
        TrackerConfig config = TrackerConfig.fromEnv(env);
        Database database = config.database().open();
        // Where Main listens: TRACKER_BIND_ADDRESS (loopback unless the test says otherwise) and the port asked for.
        Javalin app = TrackerApp.create(config, database, Clock.systemUTC()).start(config.bindAddress(), config.port());
        return new TrackerApiServer(database, app, config.database());
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** The SQLite file; only for the tests that are about SQLite itself. */
    public Path databaseFile() {
        if (location.sqliteFile() == null) {
            throw new IllegalStateException("this server stores its data in PostgreSQL");
        }
        return location.sqliteFile();
    }

    /** Another pool on the server's database, as a second process would open it. */
    public Database openDatabase() {
        return location.open();
    }

    /** A plain JDBC connection to the server's database, for counting what it stored. */
    public java.sql.Connection connect() throws java.sql.SQLException {
        if (location.sqliteFile() != null) {
            java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + location.sqliteFile());
            connection.createStatement().execute("PRAGMA busy_timeout = 10000");
            return connection;
        }
        return java.sql.DriverManager.getConnection(location.postgresUrl(), location.user(), location.password());
    }

    /**
     * A new key with the given scopes, made through the API; redirector keys the way the
     * {@code create-key} command makes them on the server, since the API refuses to.
     */
    public String createKey(String... scopes) {
        if (List.of(scopes).contains("redirector")) {
            return new dev.tracerlinks.tracker.keys.ApiKeys(database.jdbi(), Clock.systemUTC(), java.util.Optional.empty())
                    .create(List.of(scopes), "made like create-key does").key();
        }
        HttpJson.Response response = http.send("POST", "/api/keys", ADMIN_KEY, HttpJson.json(Map.of("scopes", List.of(scopes))));
        if (response.status() != 201) {
            throw new IllegalStateException("creating a key failed: " + response.body());
        }
        return response.json().get("key").asText();
    }

    public void putJob(String jobId, String company) {
        HttpJson.Response response = http.send("PUT", "/api/jobs/" + jobId, ADMIN_KEY, HttpJson.json(Map.of("company", company)));
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("creating a job failed: " + response.body());
        }
    }

    public HttpJson.Response issueLink(String jobId, String sourcePath, String destination) {
        return http.send("POST", "/api/links", ADMIN_KEY, HttpJson.json(Map.of(
                "job_id", jobId, "source_path", sourcePath, "destination_url", destination)));
    }

    /** Switches tracer links on for a job through the readiness gate (the base URL must lead to a redirector). */
    public void enableTracerLinks(String jobId) {
        HttpJson.Response response = http.send("PATCH", "/api/jobs/" + jobId, ADMIN_KEY, "{\"tracer_links_enabled\":true}");
        if (response.status() != 200) {
            throw new IllegalStateException("enabling tracer links failed: " + response.body());
        }
    }

    /** The guide's analytics of a link, counting every click, bots included (tests send from HTTP clients). */
    public HttpJson.Response analytics(String trackingId) {
        return http.get("/api/link-tracking/analytics/" + trackingId + "?include_bots=true", ADMIN_KEY);
    }

    @Override
    public void close() {
        app.stop();
        database.close();
    }
}
