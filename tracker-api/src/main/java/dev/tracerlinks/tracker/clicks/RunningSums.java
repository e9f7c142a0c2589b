package dev.tracerlinks.tracker.clicks;

import dev.tracerlinks.tracker.db.Engine;
import dev.tracerlinks.tracker.db.WriteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The running sums the top lists read: per job and link the daily visitor sums of V7
 * ({@code human_visitors_total}, {@code visitors_total}) and per link the running click counts of V12
 * ({@code link_click_totals}). Clicks arrive in time order almost always, and then a write extends the
 * sums itself: the new rows' sums are the last stored ones plus the new counts. A click earlier than
 * its link's (or job's) last stored row, or a changed label, would mean rewriting every later row; the
 * write lists the link or job as stale instead ({@code stale_*} tables), and {@link RunningSumsWorker}
 * recomputes it in the background. Analytics wait for that rather than read stale sums.
 */
public final class RunningSums {
    /** Stale jobs or links whose running sums or counts one refresh step recomputes: it holds the write lock that long. */
    private static final int KEYS_PER_STEP = 256;

    private final Engine engine;

    public RunningSums(Engine engine) {
        this.engine = engine;
    }

    private record LastCounts(long clickedAt, long human, long bot) {
    }

    private record LastVisitorSums(long day, long humanVisitors, long visitors) {
    }

    /** What a write needs to know before it changes the rollups: the last stored sums of the links and jobs it touches. */
    final class Plan {
        private final Collection<ClickStore.Counted> added;
        private final Collection<ClickStore.Counted> relabelled;
        private final Map<String, LastCounts> lastCounts;
        private final Set<String> staleCounts;
        private final Map<String, LastVisitorSums> lastJobSums;
        private final Set<String> staleJobs;
        private final Map<String, LastVisitorSums> lastLinkSums;
        private final Set<String> staleLinks;

        private Plan(Handle handle, Collection<ClickStore.Counted> added, Collection<ClickStore.Counted> relabelled) {
            this.added = added;
            this.relabelled = relabelled;
            Set<String> links = new HashSet<>();
            Set<String> jobs = new HashSet<>();
            for (Collection<ClickStore.Counted> clicks : List.of(added, relabelled)) {
                clicks.forEach(click -> {
                    links.add(click.trackingId());
                    jobs.add(click.jobId());
                });
            }
            lastCounts = new HashMap<>();
            staleCounts = new HashSet<>();
            lastJobSums = new HashMap<>();
            staleJobs = new HashSet<>();
            lastLinkSums = new HashMap<>();
            staleLinks = new HashSet<>();
            for (List<String> some : ClickStore.chunks(links)) {
                handle.createQuery("SELECT t.tracking_id, t.clicked_at, t.human, t.bot FROM link_click_totals t"
                                + " WHERE t.tracking_id IN (<ids>) AND t.clicked_at ="
                                + " (SELECT max(x.clicked_at) FROM link_click_totals x WHERE x.tracking_id = t.tracking_id)")
                        .bindList("ids", some)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), new LastCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
                        .forEach(row -> lastCounts.put(row.getKey(), row.getValue()));
                handle.createQuery("SELECT tracking_id FROM stale_link_click_totals WHERE tracking_id IN (<ids>)")
                        .bindList("ids", some).mapTo(String.class).forEach(staleCounts::add);
                lastSums(handle, "click_days_by_link", "tracking_id", "stale_link_totals", some, lastLinkSums, staleLinks);
            }
            for (List<String> some : ClickStore.chunks(jobs)) {
                lastSums(handle, "click_days_by_job", "job_id", "stale_job_totals", some, lastJobSums, staleJobs);
            }
        }

        /** After the rollups' daily rows are written: extends the sums where the write is at their end, lists the rest as stale. True when it listed some. */
        boolean apply(Handle handle, RollupChanges changes) {
            boolean stale = applyCounts(handle);
            Set<String> relabelledJobs = new HashSet<>();
            Set<String> relabelledLinks = new HashSet<>();
            relabelled.forEach(click -> {
                relabelledJobs.add(click.jobId());
                relabelledLinks.add(click.trackingId());
            });
            stale |= applyVisitorSums(handle, "click_days_by_job", "job_id", "stale_job_totals", changes.jobDays, lastJobSums,
                    staleJobs, relabelledJobs);
            stale |= applyVisitorSums(handle, "click_days_by_link", "tracking_id", "stale_link_totals", changes.linkDays,
                    lastLinkSums, staleLinks, relabelledLinks);
            return stale;
        }

        private boolean applyCounts(Handle handle) {
            Map<String, TreeMap<Long, RollupChanges.Tally>> newCounts = new TreeMap<>();
            Map<String, Long> staleSince = new TreeMap<>();
            for (ClickStore.Counted click : added) {
                RollupChanges.Tally counts = newCounts.computeIfAbsent(click.trackingId(), link -> new TreeMap<>())
                        .computeIfAbsent(click.clickedAt(), at -> new RollupChanges.Tally());
                if (click.isBot()) {
                    counts.bot++;
                } else {
                    counts.human++;
                }
            }
            relabelled.forEach(click -> staleSince.merge(click.trackingId(), click.clickedAt(), Math::min));
            var append = handle.prepareBatch("INSERT INTO link_click_totals AS t (tracking_id, clicked_at, human, bot)"
                    + " VALUES (:link, :at, :human, :bot) ON CONFLICT (tracking_id, clicked_at) DO UPDATE SET human = excluded.human, bot = excluded.bot");
            newCounts.forEach((link, byTime) -> {
                LastCounts last = lastCounts.get(link);
                if (staleCounts.contains(link) || staleSince.containsKey(link) || last != null && byTime.firstKey() < last.clickedAt()) {
                    staleSince.merge(link, byTime.firstKey(), Math::min);
                    return;
                }
                long human = last == null ? 0 : last.human();
                long bot = last == null ? 0 : last.bot();
                for (Map.Entry<Long, RollupChanges.Tally> atTime : byTime.entrySet()) {
                    human += atTime.getValue().human;
                    bot += atTime.getValue().bot;
                    append.bind("link", link).bind("at", atTime.getKey()).bind("human", human).bind("bot", bot).add();
                }
            });
            if (append.size() > 0) {
                append.execute();
            }
            var mark = handle.prepareBatch("INSERT INTO stale_link_click_totals AS s (tracking_id, since) VALUES (:link, :since)"
                    + " ON CONFLICT (tracking_id) DO UPDATE SET since = CASE WHEN excluded.since < s.since THEN excluded.since ELSE s.since END");
            staleSince.forEach((link, since) -> mark.bind("link", link).bind("since", since).add());
            if (mark.size() > 0) {
                mark.execute();
            }
            return !staleSince.isEmpty();
        }
    }

    Plan plan(Handle handle, Collection<ClickStore.Counted> added, Collection<ClickStore.Counted> relabelled) {
        return new Plan(handle, added, relabelled);
    }

    private static void lastSums(Handle handle, String table, String key, String staleTable, List<String> keys,
            Map<String, LastVisitorSums> last, Set<String> stale) {
        handle.createQuery("SELECT t." + key + ", t.day, t.human_visitors_total, t.visitors_total FROM " + table + " t"
                        + " WHERE t." + key + " IN (<ids>) AND t.day = (SELECT max(x.day) FROM " + table + " x WHERE x." + key + " = t." + key + ")")
                .bindList("ids", keys)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new LastVisitorSums(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
                .forEach(row -> last.put(row.getKey(), row.getValue()));
        handle.createQuery("SELECT " + key + " FROM " + staleTable + " WHERE " + key + " IN (<ids>)")
                .bindList("ids", keys).mapTo(String.class).forEach(stale::add);
    }

    /**
     * The daily visitor sums of the keys (jobs or links) this write changed: at the end of a key's
     * days (no stored day after the first changed one), each changed day's sums are the previous sums
     * plus its visitors; otherwise the key is listed as stale.
     */
    private static boolean applyVisitorSums(Handle handle, String table, String key, String staleTable,
            Map<RollupChanges.KeyDay, RollupChanges.Tally> changes, Map<String, LastVisitorSums> last, Set<String> stale,
            Set<String> relabelled) {
        Map<String, TreeMap<Long, RollupChanges.Tally>> byKey = new TreeMap<>();
        changes.forEach((keyDay, tally) -> {
            if (!tally.isZero()) {
                byKey.computeIfAbsent(keyDay.key(), k -> new TreeMap<>()).put(keyDay.day(), tally);
            }
        });
        var update = handle.prepareBatch("UPDATE " + table + " SET human_visitors_total = :hv, visitors_total = :v"
                + " WHERE " + key + " = :key AND day = :day");
        var mark = handle.prepareBatch("INSERT INTO " + staleTable + " (" + key + ") VALUES (:key) ON CONFLICT DO NOTHING");
        byKey.forEach((id, days) -> {
            LastVisitorSums sums = last.get(id);
            if (stale.contains(id) || relabelled.contains(id) || sums != null && days.firstKey() < sums.day()) {
                mark.bind("key", id).add();
                return;
            }
            long humanVisitors = sums == null ? 0 : sums.humanVisitors();
            long visitors = sums == null ? 0 : sums.visitors();
            for (Map.Entry<Long, RollupChanges.Tally> day : days.entrySet()) {
                humanVisitors += day.getValue().humanVisitors;
                visitors += day.getValue().visitors;
                update.bind("hv", humanVisitors).bind("v", visitors).bind("key", id).bind("day", day.getKey()).add();
            }
        });
        if (update.size() > 0) {
            update.execute();
        }
        if (mark.size() > 0) {
            mark.execute();
            return true;
        }
        return false;
    }

    /** True when some running sums or counts must be recomputed before they are read. */
    public static boolean isStale(Handle handle) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM stale_job_totals) OR EXISTS (SELECT 1 FROM stale_link_totals)"
                        + " OR EXISTS (SELECT 1 FROM stale_link_click_totals)")
                .mapTo(Boolean.class).one();
    }

    /**
     * Recomputes every stale job's and link's sums, in steps of one write transaction each so that
     * ingestion never waits long: after a full re-classification every link may be stale, and
     * recomputing 10 M clicks' counts takes about a minute.
     */
    void refresh(Jdbi jdbi) {
        while (jdbi.inTransaction(this::refreshStep)) {
            // More stale jobs or links: the next step is another transaction.
        }
    }

    /** The sums of up to {@link #KEYS_PER_STEP} stale jobs and links each; true when more are stale. */
    boolean refreshStep(Handle handle) {
        WriteOrder.clicks(handle, engine);
        boolean more = refreshVisitorSums(handle, "click_days_by_job", "job_id", "stale_job_totals");
        more |= refreshVisitorSums(handle, "click_days_by_link", "tracking_id", "stale_link_totals");
        return refreshCounts(handle) || more;
    }

    private static boolean refreshVisitorSums(Handle handle, String table, String key, String stale) {
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
     * The running click counts of some stale links, from the time each became stale: the link's counts
     * just before that time, which no change since has touched, plus running sums of its clicks from
     * there. Clicks are never deleted, so every row to rewrite is written again (upsert).
     */
    private static boolean refreshCounts(Handle handle) {
        String step = "SELECT tracking_id, since FROM stale_link_click_totals ORDER BY tracking_id LIMIT " + KEYS_PER_STEP;
        String before = "FROM link_click_totals t WHERE t.tracking_id = s.tracking_id AND t.clicked_at < s.since ORDER BY t.clicked_at DESC LIMIT 1";
        handle.execute("INSERT INTO link_click_totals AS t (tracking_id, clicked_at, human, bot)"
                + " SELECT c.tracking_id, c.clicked_at,"
                + " s.human + sum(sum(CASE WHEN c.is_bot = 0 THEN 1 ELSE 0 END)) OVER running,"
                + " s.bot + sum(sum(CASE WHEN c.is_bot <> 0 THEN 1 ELSE 0 END)) OVER running"
                + " FROM (SELECT s.tracking_id, s.since, coalesce((SELECT t.human " + before + "), 0) AS human,"
                + " coalesce((SELECT t.bot " + before + "), 0) AS bot FROM (" + step + ") AS s) AS s"
                + " JOIN link_clicks c ON c.tracking_id = s.tracking_id AND c.clicked_at >= s.since"
                + " WHERE true GROUP BY c.tracking_id, c.clicked_at, s.human, s.bot"
                + " WINDOW running AS (PARTITION BY c.tracking_id ORDER BY c.clicked_at)"
                + " ON CONFLICT (tracking_id, clicked_at) DO UPDATE SET human = excluded.human, bot = excluded.bot");
        handle.execute("DELETE FROM stale_link_click_totals WHERE tracking_id IN (SELECT s.tracking_id FROM (" + step + ") AS s)");
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM stale_link_click_totals)").mapTo(Boolean.class).one();
    }
}
