package dev.tracerlinks.tracker.db;

import org.jdbi.v3.core.Handle;

/**
 * Transaction-scoped locks that order writes when several tracker-api instances share one PostgreSQL
 * database; on SQLite the one writer, taken when a transaction begins, orders them already. Each is
 * held until the transaction ends, so what a writer reads under it (the last change number, the
 * visitor's earlier clicks of the day) is still true when it commits.
 */
public final class WriteOrder {
    private static final long CLICKS = 7263540117L;
    private static final long LINKS = 7263540118L;

    private WriteOrder() {
    }

    /**
     * Click writes and re-labels: first-visitor-of-the-day, bursts and the running sums each read what
     * is stored before writing what follows from it.
     */
    public static void clicks(Handle handle, Engine engine) {
        lock(handle, engine, CLICKS);
    }

    /**
     * Link writes: each takes the next change number, and the change feed must never skip one that
     * commits after a higher one (a sequence alone would allow that). Under this lock numbers are
     * taken and committed in the same order.
     */
    public static void links(Handle handle, Engine engine) {
        lock(handle, engine, LINKS);
    }

    private static void lock(Handle handle, Engine engine, long key) {
        if (engine == Engine.POSTGRESQL) {
            handle.execute("SELECT pg_advisory_xact_lock(" + key + ")");
        }
    }
}
