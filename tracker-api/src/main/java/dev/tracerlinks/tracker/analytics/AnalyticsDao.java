package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.model.AnalyticsSummary;
import dev.tracerlinks.model.ConversionCounts;
import dev.tracerlinks.model.SourceAnalytics;
import dev.tracerlinks.model.JobAnalytics;
import dev.tracerlinks.model.TimeBucket;
import dev.tracerlinks.model.TopJob;
import dev.tracerlinks.model.TopLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The analytics SQL, assembled from one filter (time range, bots, job) that every query shares.
 * Clicks join their link for the job; bots are left out unless asked for.
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

    static AnalyticsSummary summary(Handle handle, AnalyticsParams params) {
        String counted = params.includeBots() ? "1 = 1" : "c.is_bot = 0";
        String sql = "SELECT coalesce(sum(c.is_bot = 0), 0) AS human, coalesce(sum(c.is_bot = 1), 0) AS bot,"
                + " count(DISTINCT CASE WHEN " + counted + " THEN c.visitor_hash END) AS visitors,"
                + " count(DISTINCT CASE WHEN " + counted + " THEN c.tracking_id END) AS links,"
                + " count(DISTINCT CASE WHEN " + counted + " THEN l.job_id END) AS jobs,"
                + " min(CASE WHEN " + counted + " THEN c.clicked_at END) AS first_click,"
                + " max(CASE WHEN " + counted + " THEN c.clicked_at END) AS last_click"
                + FROM_CLICKS + " WHERE c.clicked_at >= :from AND c.clicked_at < :to"
                + (params.jobId() == null ? "" : " AND l.job_id = :jobId");
        return bind(handle.createQuery(sql), params).map((rs, ctx) -> {
            long human = rs.getLong("human");
            long bot = rs.getLong("bot");
            return new AnalyticsSummary(params.from(), params.to(), params.includeBots(), human + (params.includeBots() ? bot : 0),
                    human, bot, rs.getLong("visitors"), rs.getLong("links"), rs.getLong("jobs"),
                    instant(rs, "first_click"), instant(rs, "last_click"), null);
        }).one();
    }

    /** Conversion counts of the clicks in the range (and job), grouped by {@code groupColumn} ("" for one group). */
    static Map<String, ConversionCounts> conversions(Handle handle, AnalyticsParams params, String groupColumn) {
        String group = groupColumn.isEmpty() ? "''" : groupColumn;
        String range = " WHERE c.clicked_at >= :from AND c.clicked_at < :to" + (params.jobId() == null ? "" : " AND l.job_id = :jobId");
        Map<String, long[]> counts = new HashMap<>();
        bind(handle.createQuery("SELECT " + group + " AS grp, cv.event, c.is_bot, count(*) AS n FROM conversions cv"
                + " JOIN link_clicks c ON c.click_id = cv.click_id JOIN link_tracking l ON l.tracking_id = c.tracking_id" + range
                + " GROUP BY grp, cv.event, c.is_bot"), params).map((rs, ctx) -> {
                    long[] row = counts.computeIfAbsent(String.valueOf(rs.getString("grp")), key -> new long[6]);
                    if (rs.getBoolean("is_bot")) {
                        row[5] += rs.getLong("n");
                    } else {
                        row[rs.getInt("event") - 1] += rs.getLong("n");
                    }
                    return 0;
                }).list();
        bind(handle.createQuery("SELECT " + group + " AS grp, count(DISTINCT cv.click_id) AS converted FROM conversions cv"
                + " JOIN link_clicks c ON c.click_id = cv.click_id JOIN link_tracking l ON l.tracking_id = c.tracking_id" + range
                + " AND c.is_bot = 0 GROUP BY grp"), params)
                .map((rs, ctx) -> counts.computeIfAbsent(String.valueOf(rs.getString("grp")), key -> new long[6])[3] = rs.getLong("converted"))
                .list();
        // The rate's denominator: human clicks of each group, for the groups that have conversions.
        bind(handle.createQuery("SELECT " + group + " AS grp, count(*) AS human" + FROM_CLICKS + range + " AND c.is_bot = 0 GROUP BY grp"),
                params).map((rs, ctx) -> {
                    long[] row = counts.get(String.valueOf(rs.getString("grp")));
                    if (row != null) {
                        row[4] = rs.getLong("human");
                    }
                    return 0;
                }).list();
        Map<String, ConversionCounts> result = new HashMap<>();
        counts.forEach((key, row) -> result.put(key, new ConversionCounts(row[0], row[1], row[2], row[3],
                row[4] == 0 ? null : (double) row[3] / row[4], row[5])));
        return result;
    }

    /** Links, clicks and conversions per source; sources without clicks are listed too. */
    static List<SourceAnalytics> sources(Handle handle, AnalyticsParams params) {
        Map<String, long[]> clicks = new HashMap<>();
        bind(handle.createQuery("SELECT l.source_id, sum(c.is_bot = 0) AS human, sum(c.is_bot = 1) AS bot" + FROM_CLICKS
                + " WHERE c.clicked_at >= :from AND c.clicked_at < :to AND l.source_id IS NOT NULL"
                + (params.jobId() == null ? "" : " AND l.job_id = :jobId") + " GROUP BY l.source_id"), params)
                .map((rs, ctx) -> clicks.put(rs.getString("source_id"), new long[] {rs.getLong("human"), rs.getLong("bot")})).list();
        Map<String, ConversionCounts> conversions = conversions(handle, params, "l.source_id");
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

    static List<TopJob> topJobs(Handle handle, AnalyticsParams params) {
        String sql = "SELECT l.job_id, j.company, j.title, count(*) AS clicks, count(DISTINCT c.visitor_hash) AS visitors,"
                + " count(DISTINCT c.tracking_id) AS links, max(c.clicked_at) AS last_click"
                + FROM_CLICKS + " LEFT JOIN jobs j ON j.job_id = l.job_id" + where(params)
                + " GROUP BY l.job_id ORDER BY clicks DESC, l.job_id LIMIT :limit";
        return bind(handle.createQuery(sql), params).bind("limit", params.limit())
                .map((rs, ctx) -> new TopJob(rs.getString("job_id"), rs.getString("company"), rs.getString("title"),
                        rs.getLong("clicks"), rs.getLong("visitors"), rs.getLong("links"), instant(rs, "last_click"), null))
                .list();
    }

    static List<TopLink> topLinks(Handle handle, AnalyticsParams params) {
        String sql = "SELECT c.tracking_id, l.job_id, l.link_function, l.original_url, count(*) AS clicks,"
                + " count(DISTINCT c.visitor_hash) AS visitors, max(c.clicked_at) AS last_click"
                + FROM_CLICKS + where(params)
                + " GROUP BY c.tracking_id ORDER BY clicks DESC, c.tracking_id LIMIT :limit";
        return bind(handle.createQuery(sql), params).bind("limit", params.limit())
                .map((rs, ctx) -> new TopLink(rs.getString("tracking_id"), rs.getString("job_id"), rs.getString("link_function"),
                        rs.getString("original_url"), rs.getLong("clicks"), rs.getLong("visitors"), instant(rs, "last_click"), null))
                .list();
    }

    /** Buckets aligned to UTC hours or days, from the one holding {@code from} to the one holding the end. */
    static List<TimeBucket> series(Handle handle, AnalyticsParams params, AnalyticsParams.Interval interval) {
        long length = interval.length.toMillis();
        long first = Math.floorDiv(params.from().toEpochMilli(), length);
        long last = Math.floorDiv(params.to().toEpochMilli() - 1, length);
        String sql = "SELECT c.clicked_at / :length AS bucket, count(*) AS clicks" + FROM_CLICKS + where(params)
                + " GROUP BY bucket";
        Map<Long, Long> counts = new HashMap<>();
        bind(handle.createQuery(sql), params).bind("length", length)
                .map((rs, ctx) -> counts.put(rs.getLong("bucket"), rs.getLong("clicks"))).list();
        List<TimeBucket> buckets = new ArrayList<>((int) (last - first + 1));
        for (long bucket = first; bucket <= last; bucket++) {
            buckets.add(new TimeBucket(Instant.ofEpochMilli(bucket * length), counts.getOrDefault(bucket, 0L)));
        }
        return buckets;
    }

    /** Every link of the job, with its clicks in the range (zero for links nobody clicked). */
    static List<JobAnalytics.LinkRow> jobLinks(Handle handle, AnalyticsParams params) {
        Map<String, ConversionCounts> conversions = conversions(handle, params, "c.tracking_id");
        String sql = "SELECT l.tracking_id, l.original_url, l.link_function, l.source_path, l.is_active,"
                + " count(c.click_id) AS clicks, count(DISTINCT c.visitor_hash) AS visitors,"
                + " min(c.clicked_at) AS first_click, max(c.clicked_at) AS last_click"
                + " FROM link_tracking l LEFT JOIN link_clicks c ON c.tracking_id = l.tracking_id"
                + " AND c.clicked_at >= :from AND c.clicked_at < :to" + (params.includeBots() ? "" : " AND c.is_bot = 0")
                + " WHERE l.job_id = :jobId GROUP BY l.tracking_id ORDER BY l.created_at, l.tracking_id";
        return bind(handle.createQuery(sql), params)
                .map((rs, ctx) -> new JobAnalytics.LinkRow(rs.getString("tracking_id"), rs.getString("original_url"),
                        rs.getString("link_function"), rs.getString("source_path"), rs.getBoolean("is_active"),
                        rs.getLong("clicks"), rs.getLong("visitors"), instant(rs, "first_click"), instant(rs, "last_click"),
                        conversions.getOrDefault(rs.getString("tracking_id"), ConversionCounts.none())))
                .list();
    }

    /** The most common values of a click column ({@code referrer_host}, {@code click_source}) in the range. */
    static List<JobAnalytics.Count> topValues(Handle handle, AnalyticsParams params, String column) {
        String sql = "SELECT coalesce(c." + column + ", '(none)') AS value, count(*) AS clicks" + FROM_CLICKS + where(params)
                + " GROUP BY value ORDER BY clicks DESC, value LIMIT 20";
        return bind(handle.createQuery(sql), params)
                .map((rs, ctx) -> new JobAnalytics.Count(rs.getString("value"), rs.getLong("clicks"))).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
