package dev.tracerlinks.tracker.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The rollups of V7__click_rollups.sql and the running click counts of V12, as analytics use them.
 * Triggers keep the daily counts; this recomputes the running sums and counts the triggers marked
 * stale, and cuts a time range into the whole days (or hours) the rollups answer and the partial
 * pieces read from clicks.
 */
public final class ClickRollups {
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    /** Stale jobs or links whose running sums or counts one refresh step recomputes: it holds the write lock that long. */
    private static final int KEYS_PER_STEP = 256;

    private ClickRollups() {
    }

    /** True when some running sums or counts must be recomputed before they are read. */
    static boolean isStale(Handle handle) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM stale_job_totals) OR EXISTS (SELECT 1 FROM stale_link_totals)"
                        + " OR EXISTS (SELECT 1 FROM stale_link_click_totals)")
                .mapTo(Boolean.class).one();
    }

    /**
     * Brings the running sums and counts up to date in steps, one write transaction each, so that
     * ingestion never waits long: after a bulk load or a re-classification every link may be stale,
     * and recomputing 10 M clicks' counts takes about a minute. Re-classification calls this at its
     * end, so that the first top list read after it does not pay for that.
     */
    public static void refresh(Jdbi jdbi) {
        while (jdbi.inTransaction(ClickRollups::refreshStep)) {
            // More stale jobs or links: the next step is another transaction.
        }
    }

    /** Brings everything up to date inside the caller's write transaction. */
    static void refreshAll(Handle handle) {
        while (refreshStep(handle)) {
            // Until nothing is stale.
        }
    }

    /** The running sums and counts of up to {@link #KEYS_PER_STEP} stale jobs and links each; true when more are stale. */
    static boolean refreshStep(Handle handle) {
        boolean more = refreshDailyTotals(handle, "click_days_by_job", "job_id", "stale_job_totals");
        more |= refreshDailyTotals(handle, "click_days_by_link", "tracking_id", "stale_link_totals");
        return refreshLinkClickTotals(handle) || more;
    }

    /** The daily running sums of visitors (V7) of some stale jobs or links; true when more are stale. */
    private static boolean refreshDailyTotals(Handle handle, String table, String key, String stale) {
        String step = "SELECT " + key + " FROM " + stale + " ORDER BY " + key + " LIMIT " + KEYS_PER_STEP;
        handle.execute("UPDATE " + table + " AS t SET human_visitors_total = s.human_visitors_total, visitors_total = s.visitors_total"
                + " FROM (SELECT " + key + ", day, sum(human_visitors) OVER w AS human_visitors_total, sum(visitors) OVER w AS visitors_total"
                + " FROM " + table + " WHERE " + key + " IN (" + step + ")"
                + " WINDOW w AS (PARTITION BY " + key + " ORDER BY day)) AS s"
                + " WHERE t." + key + " = s." + key + " AND t.day = s.day");
        handle.execute("DELETE FROM " + stale + " WHERE " + key + " IN (" + step + ")");
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM " + stale + ")").mapTo(Boolean.class).one();
    }

    /**
     * The running click counts of V12 for some stale links, from the time each became stale: the link's
     * counts just before that time, which no change since has touched, plus running sums of its clicks
     * from there. Clicks are never deleted, so every row to rewrite is written again (upsert).
     */
    private static boolean refreshLinkClickTotals(Handle handle) {
        String step = "SELECT tracking_id, since FROM stale_link_click_totals ORDER BY tracking_id LIMIT " + KEYS_PER_STEP;
        String before = "FROM link_click_totals t WHERE t.tracking_id = s.tracking_id AND t.clicked_at < s.since ORDER BY t.clicked_at DESC LIMIT 1";
        handle.execute("INSERT INTO link_click_totals (tracking_id, clicked_at, human, bot)"
                + " SELECT c.tracking_id, c.clicked_at, s.human + sum(sum(c.is_bot = 0)) OVER running, s.bot + sum(sum(c.is_bot <> 0)) OVER running"
                + " FROM (SELECT s.tracking_id, s.since, coalesce((SELECT t.human " + before + "), 0) AS human,"
                + " coalesce((SELECT t.bot " + before + "), 0) AS bot FROM (" + step + ") AS s) AS s"
                + " CROSS JOIN link_clicks c ON c.tracking_id = s.tracking_id AND c.clicked_at >= s.since"
                + " WHERE true GROUP BY c.tracking_id, c.clicked_at WINDOW running AS (PARTITION BY c.tracking_id ORDER BY c.clicked_at)"
                + " ON CONFLICT (tracking_id, clicked_at) DO UPDATE SET human = excluded.human, bot = excluded.bot");
        handle.execute("DELETE FROM stale_link_click_totals WHERE tracking_id IN (SELECT tracking_id FROM (" + step + "))");
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM stale_link_click_totals)").mapTo(Boolean.class).one();
    }

    /**
     * A range [from, to) cut at whole units (days or hours): units {@code [firstUnit, endUnit)} come from
     * the rollups, and the {@code pieces} (epoch-millisecond [start, end) pairs, at most one before and one
     * after) from the clicks themselves. A range with no whole unit is one piece, or two when it crosses a
     * boundary. Each piece lies in one unit, apart from the whole units and the other piece, so daily
     * visitor counts of all parts add up.
     */
    record Split(long firstUnit, long endUnit, List<long[]> pieces) {
        static Split of(Instant from, Instant to, long unit) {
            return of(from.toEpochMilli(), to.toEpochMilli(), unit);
        }

        static Split of(long start, long end, long unit) {
            long firstUnit = Math.floorDiv(start + unit - 1, unit);
            long endUnit = Math.floorDiv(end, unit);
            long boundary = firstUnit * unit;
            if (firstUnit == endUnit && start < boundary && boundary < end) {
                // No whole unit, but a boundary inside: a piece on either side of it.
                return new Split(0, 0, List.of(new long[] {start, boundary}, new long[] {boundary, end}));
            }
            if (firstUnit >= endUnit) {
                return new Split(0, 0, List.of(new long[] {start, end}));
            }
            List<long[]> pieces = new ArrayList<>(2);
            if (start < firstUnit * unit) {
                pieces.add(new long[] {start, firstUnit * unit});
            }
            if (endUnit * unit < end) {
                pieces.add(new long[] {endUnit * unit, end});
            }
            return new Split(firstUnit, endUnit, pieces);
        }

        /** The whole range read from clicks (where no rollup fits, such as one job's hours). */
        static Split clicksOnly(Instant from, Instant to) {
            return new Split(0, 0, List.of(new long[] {from.toEpochMilli(), to.toEpochMilli()}));
        }

        boolean hasUnits() {
            return firstUnit < endUnit;
        }

        /** A condition on {@code c.clicked_at} that holds in the pieces, with {@code :piece<n>from/to} to bind. */
        String piecesCondition() {
            if (pieces.isEmpty()) {
                return "0";
            }
            List<String> terms = new ArrayList<>();
            for (int index = 0; index < pieces.size(); index++) {
                terms.add("(c.clicked_at >= :piece" + index + "from AND c.clicked_at < :piece" + index + "to)");
            }
            return "(" + String.join(" OR ", terms) + ")";
        }

        <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindPieces(T statement) {
            for (int index = 0; index < pieces.size(); index++) {
                statement.bind("piece" + index + "from", pieces.get(index)[0]).bind("piece" + index + "to", pieces.get(index)[1]);
            }
            return statement;
        }
    }

    /** Human and bot clicks, and distinct visitors among the human clicks and among all; parts of other days add up. */
    record Counts(long human, long bot, long humanVisitors, long visitors) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(human + other.human, bot + other.bot, humanVisitors + other.humanVisitors, visitors + other.visitors);
        }

        long clicks(boolean includeBots) {
            return includeBots ? human + bot : human;
        }

        long visitors(boolean includeBots) {
            return includeBots ? visitors : humanVisitors;
        }
    }
}
