package dev.tracerlinks.tracker.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The process's one connection pool and one {@link Jdbi}, on a SQLite file in WAL mode. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Engine engine;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Engine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        // Instants are stored as epoch milliseconds: compact, and range queries compare integers.
        jdbi.registerArgument(new InstantAsEpochMillis());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    /** Opens (creating if needed) the SQLite file and brings its schema to the latest migration. */
    public static Database openSqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + file, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk before we answer, so a click batch acknowledged to the edge survives a power cut.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        // Deleted rows are overwritten, not left in free pages for a file reader to find.
        sqlite.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // Every transaction takes the write lock up front: SQLite cannot upgrade a reader to a writer
        // under contention without failing with SQLITE_BUSY at once.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqliteSource = new SQLiteDataSource(sqlite);
        sqliteSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqliteSource);
        pool.setPoolName("tracker-sqlite");
        pool.setMaximumPoolSize(4);
        Database database = new Database(new HikariDataSource(pool), Engine.SQLITE);
        Migrations.migrate(database.dataSource, Engine.SQLITE);
        return database;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Engine engine() {
        return engine;
    }

    /**
     * A write transaction whose statement journals stay in memory, for click ingestion. Every statement
     * of a batch journals the pages it changes, so that it alone can be rolled back; past
     * 64 KiB in one statement SQLite moves that journal to a temporary file for the rest of the
     * transaction, and then each click cost some twenty 4 KiB writes: a quarter of tracker-api's CPU
     * under redirect load, and batch ingest 6,400 instead of 7,700 clicks/s. Only here: with
     * temp_store=MEMORY SQLite also sorts in memory, which for migrations and long analytics
     * ranges would mean every sorted row in RAM.
     */
    public static <R> R inTransactionWithJournalsInMemory(Jdbi jdbi, HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(handle -> {
            // Outside the transaction: SQLite refuses to change temp_store inside one.
            handle.execute("PRAGMA temp_store = MEMORY");
            try {
                return handle.inTransaction(work);
            } finally {
                handle.execute("PRAGMA temp_store = DEFAULT");
            }
        });
    }

    /** True when a trivial query answers; used by {@code /health}. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static final class InstantAsEpochMillis extends AbstractArgumentFactory<Instant> {
        InstantAsEpochMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
