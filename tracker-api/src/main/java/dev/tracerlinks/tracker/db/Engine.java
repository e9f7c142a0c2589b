package dev.tracerlinks.tracker.db;

/** The database engines tracker-api stores its data in: SQLite by default, PostgreSQL for several instances. */
public enum Engine {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    Engine(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The folder under {@code db/} on the class path that holds this engine's migrations. */
    String migrationFolder() {
        return migrationFolder;
    }
}
