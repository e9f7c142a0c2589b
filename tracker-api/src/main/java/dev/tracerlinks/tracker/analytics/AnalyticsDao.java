package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.model.ConversionCounts;
import dev.tracerlinks.model.SourceAnalytics;
import dev.tracerlinks.model.JobAnalytics;
import dev.tracerlinks.model.TimeBucket;
import dev.tracerlinks.model.TopLink;
import dev.tracerlinks.tracker.analytics.ClickRollups.Counts;
import dev.tracerlinks.tracker.analytics.ClickRollups.Split;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The analytics SQL. Counts over whole days come from the daily rollups ({@link ClickRollups}), partial
 * days from hourly rollups or the clicks, and the clicks of each link over any range from its running
 * counts. The per-click details (referrers, first and last click) come from the clicks, which join
 * their link for the job. Bots are left out unless asked for.
 */
final class AnalyticsDao {
    private static final String FROM_CLICKS = " FROM link_clicks c JOIN link_tracking l ON l.tracking_id = c.tracking_id ";
    /** The most buckets a time series may have (a year of hours is 8,784). */
    static final int MAX_BUCKETS = 10_000;

    private AnalyticsDao() {
    }

    private static String where(AnalyticsParams params) {
        return " WHERE c.clicked_at >= :from AND c.clicked_at < :to"
                + (params.includeBots() ? "" : " AND c.is_bot = 0")
                + (params.jobId() == null ? "" : " AND l.job_id = :jobId");
    }

    private static Query bind(Query query, AnalyticsParams params) {
        query.bind("from", params.from()).bind("to", params.to());
        if (params.jobId() != null) {
            query.bind("jobId", params.jobId());
        }
        return query;
    }

    /** Human and bot clicks among those a query selects (a comparison is no number on PostgreSQL, so no sum(c.is_bot = 0)). */
    private static final String HUMAN_AND_BOT = "sum(CASE WHEN c.is_bot = 0 THEN 1 ELSE 0 END) AS human,"
            + " sum(CASE WHEN c.is_bot <> 0 THEN 1 ELSE 0 END) AS bot";
    /** The distinct visitors of the clicks a query selects, among the human clicks and among all. */
    private static final String VISITOR_COUNTS = "count(DISTINCT CASE WHEN c.is_bot = 0 THEN c.visitor_hash END) AS human_visitors,"
            + " count(DISTINCT c.visitor_hash) AS visitors";
    /**
     * Visitors are counted per UTC day, like the rollups count them, and days add up: clicks read from
     * the table are grouped by this before their visitors are summed.
     */
    private static final String CLICK_DAY = "c.clicked_at / 86400000";
    /** Human and bot clicks and their visitors, summed over daily rollup rows. */
    private static final String DAY_SUMS = "coalesce(sum(human), 0) AS human, coalesce(sum(bot), 0) AS bot,"
            + " coalesce(sum(human_visitors), 0) AS human_visitors, coalesce(sum(visitors), 0) AS visitors";

    /** What per-key counts are kept for: the key on a link {@code l}, and the daily rollup table and its key column. */
    enum Level {
        LINK("l.tracking_id", "click_days_by_link", "tracking_id"),
        JOB("coalesce(l.job_id, '')", "click_days_by_job", "job_id");

        final String linkKey;
        final String table;
        final String tableKey;

        Level(String linkKey, String table, String tableKey) {
            this.linkKey = linkKey;
            this.table = table;
            this.tableKey = tableKey;
        }
    }

    /** The range cut at whole UTC days, which the daily rollups answer. */
    private static Split days(AnalyticsParams params) {
        return Split.of(params.from(), params.to(), ClickRollups.DAY);
    }

    private static Counts counts(ResultSet rs) throws SQLException {
        return new Counts(rs.getLong("human"), rs.getLong("bot"), rs.getLong("human_visitors"), rs.getLong("visitors"));
    }

    /** All clicks in the range (of the job, if one is given): whole days from the rollups, the rest from clicks. */
    static Counts totals(Handle handle, AnalyticsParams params) {
        Split split = days(params);
        Counts total = Counts.NONE;
        if (split.hasUnits()) {
            String sql = "SELECT " + DAY_SUMS + (params.jobId() == null ? " FROM click_days WHERE" : " FROM click_days_by_job WHERE job_id = :jobId AND")
                    + " day >= :first AND day < :end";
            total = bindJob(handle.createQuery(sql), params).bind("first", split.firstUnit()).bind("end", split.endUnit())
                    .map((rs, ctx) -> counts(rs)).one();
        }
        // The head or tail of a day comes from the hourly rollups; one job's pieces, or a piece inside one day, from clicks.
        List<long[]> fromClicks = new ArrayList<>();
        for (long[] piece : split.pieces()) {
            if (params.jobId() == null && (Math.floorMod(piece[0], ClickRollups.DAY) == 0 || Math.floorMod(piece[1], ClickRollups.DAY) == 0)) {
                total = total.plus(headOrTailOfDay(handle, piece[0], piece[1]));
            } else {
                fromClicks.add(piece);
            }
        }
        if (!fromClicks.isEmpty()) {
            Split clicks = new Split(0, 0, fromClicks);
            // One group per visitor and day (one sort, where two DISTINCT sets cost twice); the link only when a job is asked for.
            String sql = "SELECT coalesce(sum(human), 0) AS human, coalesce(sum(bot), 0) AS bot, coalesce(sum(human_visitor), 0) AS human_visitors,"
                    + " count(visitor_hash) AS visitors FROM (SELECT " + HUMAN_AND_BOT + ","
                    + " max(CASE WHEN c.is_bot = 0 AND c.visitor_hash IS NOT NULL THEN 1 ELSE 0 END) AS human_visitor, c.visitor_hash"
                    + (params.jobId() == null ? " FROM link_clicks c " : FROM_CLICKS) + " WHERE " + clicks.piecesCondition()
                    + jobCondition(params) + " GROUP BY " + CLICK_DAY + ", c.visitor_hash) AS per_visitor_day";
            total = total.plus(clicks.bindPieces(bindJob(handle.createQuery(sql), params)).map((rs, ctx) -> counts(rs)).one());
        }
        return total;
    }

    /**
     * All clicks in [from, to), the head or the tail of one UTC day (the partial day at an end of a range
     * with whole days): the whole hours from the hourly rollups, visitors there by the hour of their first
     * (head) or last (tail) click of the day, see V11. The minutes short of a whole hour are read from
     * clicks, adding the visitors not seen in those hours.
     */
    private static Counts headOrTailOfDay(Handle handle, long from, long to) {
        boolean tail = Math.floorMod(to, ClickRollups.DAY) == 0;
        Split hours = Split.of(from, to, ClickRollups.HOUR);
        long hoursFrom = hours.firstUnit() * ClickRollups.HOUR;
        long hoursTo = hours.endUnit() * ClickRollups.HOUR;
        Counts counts = Counts.NONE;
        if (hours.hasUnits()) {
            String seen = tail ? "last_seen" : "first_seen";
            String range = " WHERE hour >= :first AND hour < :end)";
            counts = handle.createQuery("SELECT (SELECT coalesce(sum(human), 0) FROM click_hours" + range + " AS human,"
                            + " (SELECT coalesce(sum(bot), 0) FROM click_hours" + range + " AS bot,"
                            + " (SELECT coalesce(sum(human_" + seen + "), 0) FROM click_hour_visitors" + range + " AS human_visitors,"
                            + " (SELECT coalesce(sum(" + seen + "), 0) FROM click_hour_visitors" + range + " AS visitors")
                    .bind("first", hours.firstUnit()).bind("end", hours.endUnit()).map((rs, ctx) -> counts(rs)).one();
        }
        // A head or tail of a day has minutes short of a whole hour at one end at most.
        for (long[] minutes : hours.pieces()) {
            String seenInHours = " WHERE y.visitor_hash = c.visitor_hash AND y.clicked_at >= :hoursFrom AND y.clicked_at < :hoursTo";
            counts = counts.plus(handle.createQuery("SELECT coalesce(sum(CASE WHEN c.is_bot = 0 THEN 1 ELSE 0 END), 0) AS human,"
                            + " coalesce(sum(CASE WHEN c.is_bot <> 0 THEN 1 ELSE 0 END), 0) AS bot,"
                            + " count(DISTINCT CASE WHEN c.is_bot = 0 AND NOT EXISTS (SELECT 1 FROM link_clicks y INDEXED BY"
                            + " link_clicks_human_by_visitor_time" + seenInHours + " AND y.is_bot = 0) THEN c.visitor_hash END) AS human_visitors,"
                            + " count(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM link_clicks y INDEXED BY link_clicks_by_visitor_time"
                            + seenInHours + ") THEN c.visitor_hash END) AS visitors"
                            + " FROM link_clicks c WHERE c.clicked_at >= :from AND c.clicked_at < :to")
                    .bind("from", minutes[0]).bind("to", minutes[1]).bind("hoursFrom", hoursFrom).bind("hoursTo", hoursTo)
                    .map((rs, ctx) -> counts(rs)).one());
        }
        return counts;
    }

    /**
     * Link {@code l}'s clicks before {@code at}, from its running counts (V12): human clicks in the high
     * 32 bits, bot clicks in the low. Both only grow with time, so the difference of two of these packs
     * the human and the bot clicks between the two times. One index lookup.
     */
    private static String clicksBefore(String at) {
        return "coalesce((SELECT t.human * 4294967296 + t.bot FROM link_click_totals t WHERE t.tracking_id = l.tracking_id"
                + " AND t.clicked_at < " + at + " ORDER BY t.clicked_at DESC LIMIT 1), 0)";
    }

    /**
     * A query over the clicks in the range of every link or job (of the job, if one is given) that has
     * counted clicks in it, as the table {@code {counts}} (id, human, bot, human_visitors, visitors) inside
     * {@code outer}: two lookups per link, whatever the range. Visitors are left at 0; {@link #withVisitors}
     * adds them for the keys the caller keeps. The outer query sorts, limits or counts in SQLite, so only
     * its answer crosses JDBC.
     */
    private static Query countsQuery(Handle handle, AnalyticsParams params, Level level, String outer) {
        // Links in tracking_id order: the lookups of consecutive links fall on neighbouring pages (twice as fast as job order).
        String perLink = "SELECT " + level.linkKey + " AS id, " + clicksBefore(":to") + " - " + clicksBefore(":from") + " AS clicks"
                + " FROM link_tracking l" + (params.jobId() == null ? "" : " WHERE l.job_id = :jobId") + " ORDER BY l.tracking_id";
        String counts = "(SELECT id, human, bot, 0 AS human_visitors, 0 AS visitors FROM (SELECT id, sum(clicks >> 32) AS human,"
                + " sum(clicks & 4294967295) AS bot FROM (" + perLink + ") AS per_link GROUP BY id) AS per_key WHERE " + counted(params)
                + " > 0) AS counts";
        return bind(handle.createQuery(outer.replace("{counts}", counts)), params);
    }

    /**
     * The visitors of the given links or jobs in the range, as counts with no clicks: whole days from the
     * daily running sums, two lookups per key; the partial days from their clicks, one index range per link.
     */
    private static Map<String, Counts> visitors(Handle handle, AnalyticsParams params, Level level, Collection<String> keys) {
        Map<String, Counts> visitors = new HashMap<>();
        if (keys.isEmpty()) {
            return visitors;
        }
        Split split = days(params);
        String keyRows = "(SELECT DISTINCT " + level.linkKey + " AS id FROM link_tracking l WHERE " + level.linkKey + " IN (<keys>)) AS k";
        if (split.hasUnits()) {
            String latest = "(SELECT max(day) FROM " + level.table + " WHERE " + level.tableKey + " = k.id AND day < ";
            handle.createQuery("SELECT k.id, coalesce(e.human_visitors_total, 0) - coalesce(s.human_visitors_total, 0) AS human_visitors,"
                            + " coalesce(e.visitors_total, 0) - coalesce(s.visitors_total, 0) AS visitors FROM " + keyRows
                            + " LEFT JOIN " + level.table + " e ON e." + level.tableKey + " = k.id AND e.day = " + latest + ":end)"
                            + " LEFT JOIN " + level.table + " s ON s." + level.tableKey + " = k.id AND s.day = " + latest + ":first)")
                    .bind("first", split.firstUnit()).bind("end", split.endUnit()).bindList("keys", List.copyOf(keys))
                    .map((rs, ctx) -> addVisitors(visitors, rs)).list();
        }
        for (long[] piece : split.pieces()) {
            handle.createQuery("SELECT id, sum(human_visitors) AS human_visitors, sum(visitors) AS visitors FROM (SELECT "
                            + level.linkKey + " AS id, " + VISITOR_COUNTS + " FROM link_tracking l"
                            + " CROSS JOIN link_clicks c INDEXED BY link_clicks_by_link_time ON c.tracking_id = l.tracking_id"
                            + " AND c.clicked_at >= :from AND c.clicked_at < :to WHERE " + level.linkKey + " IN (<keys>)"
                            + " GROUP BY id, " + CLICK_DAY + ") AS per_day GROUP BY id")
                    .bind("from", piece[0]).bind("to", piece[1]).bindList("keys", List.copyOf(keys))
                    .map((rs, ctx) -> addVisitors(visitors, rs)).list();
        }
        return visitors;
    }

    /** Adds a row's visitors (columns id, human_visitors, visitors) to the key's. */
    private static Counts addVisitors(Map<String, Counts> visitors, ResultSet rs) throws SQLException {
        return visitors.merge(rs.getString("id"), new Counts(0, 0, rs.getLong("human_visitors"), rs.getLong("visitors")), Counts::plus);
    }

    /** {@code counts} with their visitors added. */
    private static Map<String, Counts> withVisitors(Handle handle, AnalyticsParams params, Level level, Map<String, Counts> counts) {
        Map<String, Counts> visitors = visitors(handle, params, level, counts.keySet());
        counts.replaceAll((key, count) -> count.plus(visitors.getOrDefault(key, Counts.NONE)));
        return counts;
    }

    /** The clicks a range counts, as an expression on columns human and bot. */
    private static String counted(AnalyticsParams params) {
        return params.includeBots() ? "human + bot" : "human";
    }

    /** Every link or job (of the job, if given) with counted clicks in the range. */
    static Map<String, Counts> countsBy(Handle handle, AnalyticsParams params, Level level) {
        Map<String, Counts> counts = new HashMap<>();
        countsQuery(handle, params, level, "SELECT * FROM {counts}").map((rs, ctx) -> counts.put(rs.getString("id"), counts(rs))).list();
        return withVisitors(handle, params, level, counts);
    }

    /** The links or jobs with most counted clicks in the range (ties by id), most first. */
    static Map<String, Counts> top(Handle handle, AnalyticsParams params, Level level) {
        Map<String, Counts> top = new LinkedHashMap<>();
        countsQuery(handle, params, level, "SELECT * FROM {counts} ORDER BY " + counted(params) + " DESC, id LIMIT :limit")
                .bind("limit", params.limit()).map((rs, ctx) -> top.put(rs.getString("id"), counts(rs))).list();
        return withVisitors(handle, params, level, top);
    }

    /**
     * For each job ("" for links without one), how many of its links have a counted click in the range:
     * of the given jobs, or of all (of the job in the parameters, if any) when {@code jobs} is null.
     * Jobs with none are left out. One index probe per link, whatever the range.
     */
    static Map<String, Long> clickedLinksPerJob(Handle handle, AnalyticsParams params, Collection<String> jobs) {
        Map<String, Long> clicked = new HashMap<>();
        if (jobs != null && jobs.isEmpty()) {
            return clicked;
        }
        String index = params.includeBots() ? "link_clicks_by_link_time" : "link_clicks_human_by_link_time";
        Query query = handle.createQuery("SELECT coalesce(l.job_id, '') AS job, count(*) AS links FROM link_tracking l WHERE"
                + (jobs == null ? "" : " coalesce(l.job_id, '') IN (<jobs>) AND") + (params.jobId() == null ? "" : " l.job_id = :jobId AND")
                + " EXISTS (SELECT 1 FROM link_clicks c INDEXED BY " + index + " WHERE c.tracking_id = l.tracking_id"
                + " AND c.clicked_at >= :from AND c.clicked_at < :to" + (params.includeBots() ? "" : " AND c.is_bot = 0") + ")"
                + " GROUP BY job");
        if (jobs != null) {
            query.bindList("jobs", List.copyOf(jobs));
        }
        bind(query, params).map((rs, ctx) -> clicked.put(rs.getString("job"), rs.getLong("links"))).list();
        return clicked;
    }

    /**
     * The first or last counted click in the range: of all links when {@code links} is null, else of the
     * links that condition on {@code l} selects, with {@code :id} bound to {@code id}. One index lookup per link.
     */
    static Instant clickAtEdge(Handle handle, AnalyticsParams params, boolean last, String links, String id) {
        String oneLink = "SELECT c.clicked_at FROM link_clicks c WHERE c.clicked_at >= :from AND c.clicked_at < :to"
                + (params.includeBots() ? "" : " AND c.is_bot = 0")
                + (links == null ? "" : " AND c.tracking_id = l.tracking_id")
                + " ORDER BY c.clicked_at" + (last ? " DESC" : "") + " LIMIT 1";
        String sql = links == null ? oneLink
                : "SELECT " + (last ? "max" : "min") + "((" + oneLink + ")) FROM link_tracking l WHERE " + links;
        Query query = handle.createQuery(sql).bind("from", params.from()).bind("to", params.to());
        if (id != null) {
            query.bind("id", id);
        }
        return query.map((rs, ctx) -> instant(rs, 1)).findFirst().orElse(null);
    }

    /** The links condition of {@link #clickAtEdge} for one job key ("" for links without a job). */
    static String jobLinksCondition(String jobKey) {
        return jobKey.isEmpty() ? "l.job_id IS NULL" : "l.job_id = :id";
    }

    private static String jobCondition(AnalyticsParams params) {
        return params.jobId() == null ? "" : " AND l.job_id = :jobId";
    }

    private static Query bindJob(Query query, AnalyticsParams params) {
        return params.jobId() == null ? query : query.bind("jobId", params.jobId());
    }

    /**
     * Conversion counts of the clicks in the range (and job), grouped by {@code groupColumn} ("" for one
     * group); the rate divides by the group's human clicks, which the caller has counted already.
     */
    static Map<String, ConversionCounts> conversions(Handle handle, AnalyticsParams params, String groupColumn,
            Map<String, Long> humanClicks) {
        String group = groupColumn.isEmpty() ? "''" : groupColumn;
        String range = " WHERE c.clicked_at >= :from AND c.clicked_at < :to" + jobCondition(params);
        // CROSS JOIN: walk the conversions (few) and look up their clicks, not the other way round.
        Map<String, long[]> counts = new HashMap<>();
        bind(handle.createQuery("SELECT " + group + " AS grp, cv.event, c.is_bot, count(*) AS n FROM conversions cv"
                + " CROSS JOIN link_clicks c ON c.click_id = cv.click_id JOIN link_tracking l ON l.tracking_id = c.tracking_id" + range
                + " GROUP BY grp, cv.event, c.is_bot"), params).map((rs, ctx) -> {
                    long[] row = counts.computeIfAbsent(String.valueOf(rs.getString("grp")), key -> new long[5]);
                    if (rs.getBoolean("is_bot")) {
                        row[4] += rs.getLong("n");
                    } else {
                        row[rs.getInt("event") - 1] += rs.getLong("n");
                    }
                    return 0;
                }).list();
        if (counts.isEmpty()) {
            return Map.of();
        }
        bind(handle.createQuery("SELECT " + group + " AS grp, count(DISTINCT cv.click_id) AS converted FROM conversions cv"
                + " CROSS JOIN link_clicks c ON c.click_id = cv.click_id JOIN link_tracking l ON l.tracking_id = c.tracking_id" + range
                + " AND c.is_bot = 0 GROUP BY grp"), params)
                .map((rs, ctx) -> counts.computeIfAbsent(String.valueOf(rs.getString("grp")), key -> new long[5])[3] = rs.getLong("converted"))
                .list();
        Map<String, ConversionCounts> result = new HashMap<>();
        counts.forEach((key, row) -> {
            long human = humanClicks.getOrDefault(key, 0L);
            result.put(key, new ConversionCounts(row[0], row[1], row[2], row[3], human == 0 ? null : (double) row[3] / human, row[4]));
        });
        return result;
    }

    /** Links, clicks and conversions per source; sources without clicks are listed too. */
    static List<SourceAnalytics> sources(Handle handle, AnalyticsParams params) {
        Map<String, long[]> clicks = new HashMap<>();
        bind(handle.createQuery("SELECT l.source_id, " + HUMAN_AND_BOT + FROM_CLICKS
                + " WHERE c.clicked_at >= :from AND c.clicked_at < :to AND l.source_id IS NOT NULL"
                + (params.jobId() == null ? "" : " AND l.job_id = :jobId") + " GROUP BY l.source_id"), params)
                .map((rs, ctx) -> clicks.put(rs.getString("source_id"), new long[] {rs.getLong("human"), rs.getLong("bot")})).list();
        Map<String, Long> human = new HashMap<>();
        clicks.forEach((id, counted) -> human.put(id, counted[0]));
        Map<String, ConversionCounts> conversions = conversions(handle, params, "l.source_id", human);
        return handle.createQuery("SELECT s.source_id, s.name, s.type, s.archived,"
                        + " (SELECT count(*) FROM link_tracking l WHERE l.source_id = s.source_id) AS links FROM sources s")
                .map((rs, ctx) -> {
                    String id = rs.getString("source_id");
                    long[] counted = clicks.getOrDefault(id, new long[2]);
                    return new SourceAnalytics(id, rs.getString("name"), rs.getString("type"), rs.getBoolean("archived"),
                            rs.getLong("links"), counted[0], counted[1], conversions.getOrDefault(id, ConversionCounts.none()));
                }).list().stream()
                .sorted(java.util.Comparator.comparingLong((SourceAnalytics row) -> -(row.humanClicks() + (params.includeBots() ? row.botClicks() : 0)))
                        .thenComparing(SourceAnalytics::name))
                .toList();
    }

    /** Buckets aligned to UTC hours or days, from the one holding {@code from} to the one holding the end. */
    static List<TimeBucket> series(Handle handle, AnalyticsParams params, AnalyticsParams.Interval interval) {
        long length = interval.length.toMillis();
        long first = Math.floorDiv(params.from().toEpochMilli(), length);
        long last = Math.floorDiv(params.to().toEpochMilli() - 1, length);
        Map<Long, Long> counts = new HashMap<>();
        // Hours are rolled up for all jobs together only; one job's hours are few enough to count from clicks.
        boolean hourOfJob = interval == AnalyticsParams.Interval.HOUR && params.jobId() != null;
        Split split = hourOfJob ? Split.clicksOnly(params.from(), params.to()) : Split.of(params.from(), params.to(), length);
        if (split.hasUnits()) {
            String sql = interval == AnalyticsParams.Interval.HOUR
                    ? "SELECT hour AS bucket, human, bot FROM click_hours WHERE hour >= :first AND hour < :end"
                    : params.jobId() == null
                    ? "SELECT day AS bucket, human, bot FROM click_days WHERE day >= :first AND day < :end"
                    : "SELECT day AS bucket, human, bot FROM click_days_by_job WHERE job_id = :jobId AND day >= :first AND day < :end";
            bindJob(handle.createQuery(sql), params).bind("first", split.firstUnit()).bind("end", split.endUnit())
                    .map((rs, ctx) -> counts.put(rs.getLong("bucket"), rs.getLong("human") + (params.includeBots() ? rs.getLong("bot") : 0)))
                    .list();
        }
        if (!split.pieces().isEmpty()) {
            String sql = "SELECT c.clicked_at / :length AS bucket, count(*) AS clicks" + FROM_CLICKS + " WHERE " + split.piecesCondition()
                    + (params.includeBots() ? "" : " AND c.is_bot = 0") + jobCondition(params) + " GROUP BY bucket";
            split.bindPieces(bindJob(handle.createQuery(sql), params)).bind("length", length)
                    .map((rs, ctx) -> counts.merge(rs.getLong("bucket"), rs.getLong("clicks"), Long::sum)).list();
        }
        List<TimeBucket> buckets = new ArrayList<>((int) (last - first + 1));
        for (long bucket = first; bucket <= last; bucket++) {
            buckets.add(new TimeBucket(Instant.ofEpochMilli(bucket * length), counts.getOrDefault(bucket, 0L)));
        }
        return buckets;
    }

    /** The links of the job in creation order, every one of them, with their link fields. */
    static List<JobAnalytics.LinkRow> jobLinkRows(Handle handle, String jobId) {
        return handle.createQuery("SELECT tracking_id, original_url, link_function, source_path, is_active FROM link_tracking"
                        + " WHERE job_id = :jobId ORDER BY created_at, tracking_id")
                .bind("jobId", jobId)
                .map((rs, ctx) -> new JobAnalytics.LinkRow(rs.getString("tracking_id"), rs.getString("original_url"),
                        rs.getString("link_function"), rs.getString("source_path"), rs.getBoolean("is_active"), 0, 0, null, null, null))
                .list();
    }

    /** Job, link function and destination of the given links. */
    static Map<String, TopLink> linkFields(Handle handle, List<String> trackingIds) {
        Map<String, TopLink> fields = new HashMap<>();
        if (!trackingIds.isEmpty()) {
            handle.createQuery("SELECT tracking_id, job_id, link_function, original_url FROM link_tracking WHERE tracking_id IN (<ids>)")
                    .bindList("ids", trackingIds)
                    .map((rs, ctx) -> fields.put(rs.getString("tracking_id"), new TopLink(rs.getString("tracking_id"), rs.getString("job_id"),
                            rs.getString("link_function"), rs.getString("original_url"), 0, 0, null, null)))
                    .list();
        }
        return fields;
    }

    /** Company and title of the given jobs, as {company, title}. */
    static Map<String, String[]> jobFields(Handle handle, List<String> jobIds) {
        Map<String, String[]> fields = new HashMap<>();
        if (!jobIds.isEmpty()) {
            handle.createQuery("SELECT job_id, company, title FROM jobs WHERE job_id IN (<ids>)").bindList("ids", jobIds)
                    .map((rs, ctx) -> fields.put(rs.getString("job_id"), new String[] {rs.getString("company"), rs.getString("title")}))
                    .list();
        }
        return fields;
    }

    /** The most common referrer hosts and click sources of a range's clicks. */
    record ReferrersAndSources(List<JobAnalytics.Count> referrerHosts, List<JobAnalytics.Count> clickSources) {
    }

    /**
     * The 20 most common referrer hosts and click sources of the clicks in the range, most clicks first
     * (ties by value), "(none)" where a click has none. One pass over the clicks counts both: reading
     * a job's clicks is most of what its drilldown costs.
     */
    static ReferrersAndSources referrersAndSources(Handle handle, AnalyticsParams params) {
        Map<String, Long> hosts = new HashMap<>();
        Map<String, Long> sources = new HashMap<>();
        String sql = "SELECT coalesce(c.referrer_host, '(none)') AS host, coalesce(c.click_source, '(none)') AS source, count(*) AS clicks"
                + FROM_CLICKS + where(params) + " GROUP BY host, source";
        bind(handle.createQuery(sql), params).map((rs, ctx) -> {
            hosts.merge(rs.getString("host"), rs.getLong("clicks"), Long::sum);
            return sources.merge(rs.getString("source"), rs.getLong("clicks"), Long::sum);
        }).list();
        return new ReferrersAndSources(mostClicked(hosts), mostClicked(sources));
    }

    private static List<JobAnalytics.Count> mostClicked(Map<String, Long> clicks) {
        return clicks.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(20).map(entry -> new JobAnalytics.Count(entry.getKey(), entry.getValue())).toList();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
