package dev.tracerlinks.tracker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for the tests that run on PostgreSQL: Debian's {@code postgresql}
 * binaries ({@code initdb}, {@code pg_ctl}; {@code PG_BIN} names another folder), a cluster in a temp
 * dir on a free port, started once per test JVM and removed when it exits. Its {@code initdb} refuses
 * to run as root, so as root the cluster runs as the {@code postgres} user. Every test gets a database
 * of its own.
 */
public final class PostgresCluster {
    public static final String USER = "tracker";
    /** Set by the Maven run that repeats the database tests on PostgreSQL. */
    public static final boolean SELECTED = "postgresql".equals(System.getProperty("tracker.engine"));
    private static PostgresCluster shared;

    private final Path directory;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path directory, Path bin, int port, boolean asPostgresUser) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-cluster-stop"));
        }
        return shared;
    }

    private static PostgresCluster start() {
        try {
            Path bin = binaries();
            boolean root = "root".equals(System.getProperty("user.name"));
            Path directory = Files.createTempDirectory("tracer-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            PostgresCluster cluster = new PostgresCluster(directory, bin, port, root);
            if (root) {
                run(List.of("chown", "postgres", directory.toString()));
            }
            cluster.pg("initdb", "-D", directory.resolve("data").toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync");
            cluster.pg("pg_ctl", "-D", directory.resolve("data").toString(), "-w", "-t", "60", "-l", directory.resolve("log").toString(),
                    "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start");
            return cluster;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start a throw-away PostgreSQL (install Debian's postgresql, or set PG_BIN)", e);
        }
    }

    private static Path binaries() throws IOException {
        String fromEnv = System.getenv("PG_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var found = versions.map(version -> version.resolve("bin"))
                        .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                        .max(Comparator.comparing(candidate -> Integer.parseInt(candidate.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no initdb under /usr/lib/postgresql/*/bin (apt-get install postgresql) and PG_BIN is not set");
    }

    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** A new, empty database: its JDBC URL (the user is {@link #USER}, no password). */
    public String newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void stop() {
        try {
            pg("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "stop");
        } catch (IOException | InterruptedException e) {
            // The JVM is exiting; the temp dir goes below either way.
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Nothing to keep.
        }
    }
}
