package dev.tracerlinks.tracker.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema migrations, run by Flyway: {@code db/<engine>/V<n>__<name>.sql} on the class path, each
 * applied once, in order, and checksummed, so that a released file changed afterwards stops start-up
 * instead of leaving databases that differ. SQL differs per engine only where it must: SQLite keeps
 * the files of the releases before Flyway (V1 to V12), PostgreSQL starts at V13 with the schema as it
 * is from there.
 *
 * <p>A database made by a release before Flyway records its versions in {@code schema_version}
 * (1 to 12, one row each): it is baselined at the highest of them, so Flyway applies only what came
 * after, and {@code schema_version} is left as it was.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** Where Flyway records what it applied. */
    static final String HISTORY_TABLE = "flyway_schema_history";

    private Migrations() {
    }

    static void migrate(DataSource dataSource, Engine engine) {
        OptionalInt legacy = legacyVersion(dataSource);
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + engine.migrationFolder())
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true)
                // A failed migration rolls back its transaction; nothing half-applied is recorded.
                .mixed(false)
                .cleanDisabled(true);
        if (legacy.isPresent()) {
            LOG.info("Database made before Flyway, at version {}: baselined there", legacy.getAsInt());
            configuration.baselineOnMigrate(true).baselineVersion(String.valueOf(legacy.getAsInt()))
                    .baselineDescription("versions 1 to " + legacy.getAsInt() + " applied by the release before Flyway (schema_version)");
        }
        MigrateResult result = configuration.load().migrate();
        result.migrations.forEach(migration -> LOG.info("Applied migration V{} {}", migration.version, migration.description));
    }

    /**
     * The highest version in {@code schema_version} when the database has that table and no Flyway
     * history yet. Versions must run from 1 without a gap, as every release before Flyway left them.
     */
    private static OptionalInt legacyVersion(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!hasTable(connection, "schema_version") || hasTable(connection, HISTORY_TABLE)) {
                return OptionalInt.empty();
            }
            List<Integer> versions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i) != i + 1) {
                    throw new IllegalStateException("schema_version lists versions " + versions + "; a release before Flyway leaves 1 to n"
                            + " without a gap, so this database was changed by hand and is not upgraded.");
                }
            }
            return versions.isEmpty() ? OptionalInt.empty() : OptionalInt.of(versions.get(versions.size() - 1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's schema version: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet tables = metadata.getTables(null, null, name, new String[] {"TABLE"})) {
            return tables.next();
        }
    }
}
