package dev.tracerlinks.tracker.db;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where tracker-api keeps its data ({@code TRACKER_DB}): a SQLite file (a path, or a {@code jdbc:sqlite:}
 * URL), or a PostgreSQL database ({@code jdbc:postgresql://host:port/name}) with the user and password
 * from {@code TRACKER_DB_USER} and {@code TRACKER_DB_PASSWORD}, never from the URL, which is logged.
 */
public record DatabaseLocation(Path sqliteFile, String postgresUrl, String user, String password) {
    public static DatabaseLocation sqlite(Path file) {
        return new DatabaseLocation(file, null, null, null);
    }

    public static DatabaseLocation fromEnv(Map<String, String> env) {
        String value = env.getOrDefault("TRACKER_DB", "data/tracker.db").strip();
        if (value.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(value.substring("jdbc:sqlite:".length())));
        }
        if (value.startsWith("jdbc:postgresql:")) {
            if (value.contains("@") || value.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
                throw new IllegalArgumentException("TRACKER_DB must not hold a user or password (it is logged);"
                        + " give them in TRACKER_DB_USER and TRACKER_DB_PASSWORD.");
            }
            String user = env.getOrDefault("TRACKER_DB_USER", "").strip();
            if (user.isEmpty()) {
                throw new IllegalArgumentException("TRACKER_DB is a PostgreSQL URL: TRACKER_DB_USER (and TRACKER_DB_PASSWORD) must be set.");
            }
            return new DatabaseLocation(null, value, user, env.getOrDefault("TRACKER_DB_PASSWORD", ""));
        }
        if (value.startsWith("jdbc:")) {
            throw new IllegalArgumentException("TRACKER_DB=" + value.replaceAll("\\?.*", "").replaceAll("//[^@/]*@", "//***@")
                    + " is not supported: give a SQLite file path or a jdbc:postgresql:// URL.");
        }
        return sqlite(Path.of(value));
    }

    public Engine engine() {
        return postgresUrl == null ? Engine.SQLITE : Engine.POSTGRESQL;
    }

    /** Opens the database and brings its schema to the latest migration. */
    public Database open() {
        return postgresUrl == null ? Database.openSqlite(sqliteFile) : Database.openPostgres(postgresUrl, user, password);
    }

    /** For the start-up log: the file, or the URL; never the password. */
    public String describe() {
        return postgresUrl == null ? sqliteFile.toAbsolutePath().toString() : postgresUrl + " as " + user;
    }

    @Override
    public String toString() {
        return "DatabaseLocation[" + describe() + "]";
    }
}
