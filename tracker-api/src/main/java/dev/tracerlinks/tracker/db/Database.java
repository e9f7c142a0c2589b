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

/** The process's one connection pool and one {@link Jdbi}: a SQLite file in WAL mode, or a PostgreSQL database. */
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

    /**
     * Connects to a PostgreSQL database (which must exist) and brings its schema to the latest migration.
     * Several tracker-api instances may share it: the writes that SQLite's single writer used to order
     * are ordered by transaction-scoped advisory locks ({@link WriteOrder}: clicks, and the link
     * change feed), and a lock waited for past 10 s ends the statement, which answers 503 like SQLite's
     * busy timeout.
     */
    public static Database openPostgres(String url, String user, String password) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setPoolName("tracker-postgresql");
        pool.setMaximumPoolSize(8);
        pool.setConnectionInitSql("SET lock_timeout = '10s'");
        // Writes read what is stored after taking WriteOrder's lock: each statement must see what committed before it,
        // whatever default the server has; analytics snapshots ask for repeatable read themselves.
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        Database database = new Database(new HikariDataSource(pool), Engine.POSTGRESQL);
        // Flags are 0/1 integers on both engines (the queries compare them so); a Java boolean binds as one.
        database.jdbi.registerArgument(new BooleanAsInteger());
        var statements = database.jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class);
        statements.setTemplateEngine(new PostgresDialect(statements.getTemplateEngine()));
        Migrations.migrate(database.dataSource, Engine.POSTGRESQL);
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
            if (!isSqlite(handle)) {
                return handle.inTransaction(work);
            }
            // Outside the transaction: SQLite refuses to change temp_store inside one.
            handle.execute("PRAGMA temp_store = MEMORY");
            try {
                return handle.inTransaction(work);
            } finally {
                handle.execute("PRAGMA temp_store = DEFAULT");
            }
        });
    }

    private static boolean isSqlite(org.jdbi.v3.core.Handle handle) {
        try {
            return handle.getConnection().isWrapperFor(org.sqlite.SQLiteConnection.class);
        } catch (java.sql.SQLException e) {
            return false;
        }
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

    /** A Java boolean, boxed or not, as the 0/1 integer the schema stores. */
    private static final class BooleanAsInteger implements org.jdbi.v3.core.argument.ArgumentFactory.Preparable {
        @Override
        public java.util.Optional<java.util.function.Function<Object, Argument>> prepare(java.lang.reflect.Type type,
                ConfigRegistry config) {
            if (type != boolean.class && type != Boolean.class) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(value -> (position, statement, ctx) -> {
                if (value == null) {
                    statement.setNull(position, Types.INTEGER);
                } else {
                    statement.setInt(position, (Boolean) value ? 1 : 0);
                }
            });
        }
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
