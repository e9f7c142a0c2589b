package dev.tracerlinks.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import dev.tracerlinks.tracker.classification.BurstDetector;
import dev.tracerlinks.tracker.clicks.ClickStore;
import dev.tracerlinks.tracker.clicks.RunningSums;
import dev.tracerlinks.tracker.clicks.StoredClick;
import dev.tracerlinks.tracker.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics read rollups kept by the click store (daily, hourly) and running counts per link, plus
 * clicks for the minutes short of an hour and for visitors of partial days. This compares every
 * rollup-backed answer with the same figure counted directly from the stored clicks, for whole-day and
 * partial-day ranges, after clicks are written through the store in batches in any time order, after
 * clicks are re-labelled both ways, and after more clicks arrive.
 */
class AnalyticsRollupsTest {
    private static final long DAY = 86_400_000L;
    private static final Instant START = Instant.parse("2025-07-01T00:00:00Z");

    @TempDir
    Path directory;
    TrackerApiServer server;
    Connection direct;
    Database database;
    ClickStore store;
    final Random random = new Random(20251123);
    final List<String> links = new ArrayList<>();
    int clickNumber;

    record Click(String trackingId, String jobId, long at, String visitor, boolean bot) {
    }

    @BeforeEach
    void start() throws SQLException {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        for (String job : List.of("amazon", "zalando", "spotify")) {
            server.putJob(job, job);
            for (int path = 0; path < 3; path++) {
                links.add(server.issueLink(job, "p" + path, "https://example.com/" + job + "/" + path).json().get("tracking_id").asText());
            }
        }
        direct = server.connect();
        database = server.openDatabase();
        store = new ClickStore(database.engine(), new BurstDetector(), new RunningSums(database.engine()), () -> { });
        // A link without a job: counted in clicks and links, in no job. It is the one link of a source.
        direct.createStatement().execute("INSERT INTO sources (source_id, name, type, created_at, updated_at)"
                + " VALUES ('indeed', 'Indeed', 'job_board', 0, 0)");
        direct.createStatement().execute("INSERT INTO link_tracking (tracking_id, link_function, link_type, original_url, redirect_url,"
                + " created_at, change_seq, source_id) VALUES ('nojob', 'GitHub', 'resume_link', 'https://example.com', 'https://t/cv/nojob',"
                + " 0, 100000, 'indeed')");
        links.add("nojob");
    }

    @AfterEach
    void stop() throws SQLException {
        direct.close();
        database.close();
        server.close();
    }

    @Test
    void rollup_answers_equal_counting_the_clicks_through_inserts_and_relabelling() throws SQLException {
        insertClicks(700);
        direct.createStatement().execute("INSERT INTO link_tracking (tracking_id, job_id, link_function, link_type, original_url, redirect_url,"
                + " created_at, change_seq) VALUES ('sparse', 'newjob', 'GitHub', 'resume_link', 'https://example.com', 'https://t/cv/sparse', 0, 100001)");
        long t = START.toEpochMilli();
        // Two clicks in the same millisecond, on an hour boundary that some ranges below start or end at.
        long[] sparse = {t + DAY + 23 * 3_600_000, t + 3 * DAY + 3_600_000, t + 3 * DAY + 3_600_000, t + 3 * DAY + 3_600_000 + 5};
        List<StoredClick> sparseClicks = new ArrayList<>();
        for (int i = 0; i < sparse.length; i++) {
            sparseClicks.add(click("sp" + i, "sparse", sparse[i], "spv", i == 2));
        }
        database.jdbi().useTransaction(handle -> store.insert(handle, sparseClicks));
        compareEverything();

        // Re-classification and burst flags only ever change labels: flip a third of the clicks, both ways.
        relabel("CASE WHEN click_id LIKE 'click-%' THEN CAST(substr(click_id, 7) AS INTEGER) % 3 ELSE 0 END = 0", null);
        compareEverything();
        relabel("visitor_hash LIKE 'v1-%'", true);
        relabel("visitor_hash LIKE 'v2-%'", false);
        relabel("visitor_hash LIKE 'v3-%' OR visitor_hash LIKE 'w%'", true);
        compareEverything();

        // Clicks arriving after analytics were read, including late ones for earlier days.
        insertClicks(300);
        compareEverything();
    }

    @Test
    void running_counts_of_more_stale_links_than_one_refresh_step_takes_are_all_recomputed() throws SQLException {
        // 600 links with clicks: the refresh recomputes them in steps of 256, one write transaction each.
        try (PreparedStatement link = direct.prepareStatement("INSERT INTO link_tracking (tracking_id, job_id, link_function, link_type,"
                + " original_url, redirect_url, created_at, change_seq) VALUES (?, 'amazon', 'GitHub', 'resume_link', 'https://example.com',"
                + " 'https://t/cv/x', 0, ?)")) {
            for (int i = 0; i < 600; i++) {
                link.setString(1, "many-" + i);
                link.setInt(2, 200_000 + i);
                link.executeUpdate();
                links.add("many-" + i);
            }
        }
        insertClicks(1500);
        long from = START.toEpochMilli() + DAY + 5 * 3_600_000;
        long to = START.toEpochMilli() + 4 * DAY + 17 * 60_000;
        List<Click> counted = storedClicks().stream().filter(c -> c.at() >= from && c.at() < to && !c.bot()).toList();
        compareTop("from=" + Instant.ofEpochMilli(from) + "&to=" + Instant.ofEpochMilli(to), counted, Click::trackingId,
                "/api/analytics/top-links", "tracking_id");
    }

    @Test
    void analytics_answer_from_a_snapshot_while_another_connection_is_writing() throws SQLException {
        insertClicks(50);
        String query = "/api/analytics/summary?from=2025-07-01&to=2025-07-08";
        long clicks = get(query).get("clicks").asLong();
        // A top list brings the running sums up to date (the summary reads none); stale ones would need the write lock.
        get("/api/analytics/top-links?from=2025-07-01&to=2025-07-08");
        try (Connection writer = server.connect()) {
            writer.setAutoCommit(false);
            holdClickWrites(writer);
            // The write lock is held, as by a long ingest batch or re-classification: reads still answer, from before it.
            for (String path : List.of(query, "/api/analytics/top-links?from=2025-07-01&to=2025-07-08",
                    "/api/jobs/amazon/analytics?from=2025-07-01&to=2025-07-08")) {
                HttpJson.Response response = server.http.get(path, TrackerApiServer.ADMIN_KEY);
                assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
            }
            assertThat(get(query).get("clicks").asLong()).isEqualTo(clicks);
            writer.rollback();
        }
    }

    @Test
    void summary_and_time_series_answer_while_running_sums_are_stale_and_another_connection_holds_the_write_lock()
            throws SQLException {
        // Clicks written straight into SQLite and never read: every running sum they touch is stale.
        insertClicks(50);
        try (Connection writer = server.connect()) {
            writer.setAutoCommit(false);
            holdClickWrites(writer);
            // Top lists would have to bring the sums up to date, under the lock; these read none of them.
            assertThat(get("/api/analytics/summary?from=2025-07-01&to=2025-07-08&include_bots=true").get("clicks").asLong()).isEqualTo(50);
            assertThat(get("/api/analytics/summary?from=2025-07-01T05:00:00Z&to=2025-07-04T17:13:00Z&job_id=amazon").has("clicks")).isTrue();
            assertThat(get("/api/analytics/timeseries?interval=hour&from=2025-07-01T05:00:00Z&to=2025-07-04T17:13:00Z")
                    .get("buckets").size()).isEqualTo(85);
            writer.rollback();
        }
    }

    @Test
    void the_database_refuses_to_delete_or_move_a_click_or_to_move_a_link_to_another_job() throws SQLException {
        insertClicks(5);
        for (String change : List.of("DELETE FROM link_clicks WHERE click_id = 'click-1'",
                "UPDATE link_clicks SET clicked_at = clicked_at + 86400000 WHERE click_id = 'click-1'",
                "UPDATE link_clicks SET tracking_id = 'nojob' WHERE click_id = 'click-1'",
                "UPDATE link_clicks SET visitor_hash = 'someone-else' WHERE click_id = 'click-1'",
                "UPDATE link_tracking SET job_id = 'zalando' WHERE job_id = 'amazon'")) {
            assertThatThrownBy(() -> direct.createStatement().execute(change)).as(change)
                    .hasMessageContaining("analytics rollups");
        }
        direct.createStatement().execute("UPDATE link_clicks SET is_bot = 1, bot_reason = 'test' WHERE click_id = 'click-1'");
    }

    /**
     * Clicks through the store in batches of up to 200, in random time order (late clicks for earlier
     * days, several for one visitor in one batch), with a redelivered click now and then.
     */
    private void insertClicks(int count) {
        List<StoredClick> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long at = START.toEpochMilli() + (long) (random.nextDouble() * 6 * DAY);
            // Few visitors, so one clicks several links and jobs on one day; some send DNT (no hash). Hashes are
            // daily, but a late click can carry the day before's, so some hashes recur on other days.
            int kind = random.nextInt(10);
            String visitor = kind == 0 ? null : kind == 1 ? "w" + random.nextInt(3) : "v" + random.nextInt(6) + "-" + at / DAY;
            batch.add(click("click-" + clickNumber++, links.get(random.nextInt(links.size())), at, visitor, random.nextInt(4) == 0));
            if (random.nextInt(20) == 0) {
                batch.add(batch.get(random.nextInt(batch.size())));
            }
            if (batch.size() >= 1 + random.nextInt(200) || i == count - 1) {
                List<StoredClick> written = List.copyOf(batch);
                database.jdbi().useTransaction(handle -> store.insert(handle, written));
                batch.clear();
            }
        }
    }

    private static StoredClick click(String clickId, String trackingId, long at, String visitor, boolean bot) {
        return new StoredClick(clickId, trackingId, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at), null, visitor, "Mozilla/5.0",
                null, null, null, "GET", "{}", "{}", bot, bot ? "test" : null);
    }

    /** New labels for the clicks matching {@code condition}: bots ({@code true}), humans, or each flipped ({@code null}). */
    /**
     * Holds what a long ingest batch or re-classification holds: SQLite's write lock, or on PostgreSQL the click
     * write lock (WriteOrder) that every click and rollup writer takes.
     */
    private static void holdClickWrites(Connection writer) throws SQLException {
        writer.createStatement().execute(PostgresCluster.SELECTED ? "SELECT pg_advisory_xact_lock(7263540117)"
                : "INSERT INTO jobs (job_id, company, created_at, updated_at) VALUES ('held', 'Held', 0, 0)");
    }

    private void relabel(String condition, Boolean bot) throws SQLException {
        List<ClickStore.Label> labels = new ArrayList<>();
        try (ResultSet rs = direct.createStatement().executeQuery("SELECT click_id, is_bot FROM link_clicks WHERE " + condition)) {
            while (rs.next()) {
                boolean label = bot == null ? rs.getInt(2) == 0 : bot;
                labels.add(new ClickStore.Label(rs.getString(1), label, label ? "test" : null));
            }
        }
        database.jdbi().useTransaction(handle -> store.relabel(handle, labels));
    }

    private List<Click> storedClicks() throws SQLException {
        List<Click> clicks = new ArrayList<>();
        try (ResultSet rs = direct.createStatement().executeQuery("SELECT c.tracking_id, l.job_id, c.clicked_at, c.visitor_hash, c.is_bot"
                + " FROM link_clicks c JOIN link_tracking l ON l.tracking_id = c.tracking_id")) {
            while (rs.next()) {
                clicks.add(new Click(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5)));
            }
        }
        return clicks;
    }

    private void compareEverything() throws SQLException {
        List<Click> clicks = storedClicks();
        List<long[]> ranges = new ArrayList<>(List.of(
                new long[] {START.toEpochMilli(), START.toEpochMilli() + 7 * DAY},
                new long[] {START.toEpochMilli() + DAY, START.toEpochMilli() + 3 * DAY},
                new long[] {START.toEpochMilli() + DAY / 3, START.toEpochMilli() + 4 * DAY + DAY / 5},
                new long[] {START.toEpochMilli() + 2 * DAY + 3_600_000, START.toEpochMilli() + 2 * DAY + 5 * 3_600_000 + 17_000},
                new long[] {START.toEpochMilli() + 5 * DAY - 1000, START.toEpochMilli() + 5 * DAY + 1000},
                // Less than a day, across midnight; and two ragged ends around one whole day.
                new long[] {START.toEpochMilli() + DAY + 22 * 3_600_000, START.toEpochMilli() + 2 * DAY + 2 * 3_600_000},
                new long[] {START.toEpochMilli() + DAY + 22 * 3_600_000, START.toEpochMilli() + 3 * DAY + 2 * 3_600_000},
                // Starting and ending exactly at clicks (the sparse link's, two in one millisecond).
                new long[] {START.toEpochMilli() + 3 * DAY + 3_600_000, START.toEpochMilli() + 4 * DAY + 7 * 60_000},
                new long[] {START.toEpochMilli() + DAY + 13 * 60_000, START.toEpochMilli() + 3 * DAY + 3_600_000}));
        for (int i = 0; i < 4; i++) {
            long from = START.toEpochMilli() + (long) (random.nextDouble() * 6 * DAY) / 1000 * 1000;
            ranges.add(new long[] {from, from + 1000 + (long) (random.nextDouble() * 3 * DAY) / 1000 * 1000});
        }
        for (long[] range : ranges) {
            for (boolean bots : new boolean[] {false, true}) {
                String query = "from=" + Instant.ofEpochMilli(range[0]) + "&to=" + Instant.ofEpochMilli(range[1]) + "&include_bots=" + bots;
                List<Click> counted = clicks.stream()
                        .filter(c -> c.at() >= range[0] && c.at() < range[1] && (bots || !c.bot())).toList();
                List<Click> inRange = clicks.stream().filter(c -> c.at() >= range[0] && c.at() < range[1]).toList();
                compareSummary(query, counted, inRange, null);
                compareSummary(query + "&job_id=zalando", only(counted, "zalando"), only(inRange, "zalando"), "zalando");
                compareTop(query, counted, Click::trackingId, "/api/analytics/top-links", "tracking_id");
                compareTop(query, counted, c -> c.jobId() == null ? "" : c.jobId(), "/api/analytics/top-jobs", "job_id");
                compareTop(query + "&job_id=zalando", only(counted, "zalando"), Click::trackingId, "/api/analytics/top-links", "tracking_id");
                compareTop(query + "&job_id=zalando", only(counted, "zalando"), c -> c.jobId() == null ? "" : c.jobId(), "/api/analytics/top-jobs", "job_id");
                compareTop(query + "&job_id=newjob", only(counted, "newjob"), Click::trackingId, "/api/analytics/top-links", "tracking_id");
                compareSummary(query + "&job_id=newjob", only(counted, "newjob"), only(inRange, "newjob"), "newjob");
                compareTop(query + "&job_id=nosuch", only(counted, "nosuch"), Click::trackingId, "/api/analytics/top-links", "tracking_id");
                compareSummary(query + "&job_id=nosuch", only(counted, "nosuch"), only(inRange, "nosuch"), "nosuch");
                compareSeries(query + "&interval=day", counted, DAY, range);
                compareSeries(query + "&interval=hour", counted, 3_600_000, range);
                compareSeries(query + "&interval=hour&job_id=amazon", only(counted, "amazon"), 3_600_000, range);
                compareSeries(query + "&interval=day&job_id=amazon", only(counted, "amazon"), DAY, range);
                compareDrilldown(query, only(counted, "spotify"), only(inRange, "spotify"));
                compareSource(query, inRange.stream().filter(c -> c.trackingId().equals("nojob")).toList());
            }
        }
    }

    private static List<Click> only(List<Click> clicks, String job) {
        return clicks.stream().filter(c -> job.equals(c.jobId())).toList();
    }

    private JsonNode get(String path) {
        HttpJson.Response response = server.http.get(path, TrackerApiServer.ADMIN_KEY);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    /** Visitors are counted per UTC day and summed: distinct (hash, day) pairs. */
    private static long visitors(List<Click> clicks) {
        return clicks.stream().filter(c -> c.visitor() != null).map(c -> c.visitor() + "@" + c.at() / DAY).distinct().count();
    }

    private static String first(List<Click> clicks) {
        return clicks.stream().mapToLong(Click::at).min().stream().mapToObj(at -> Instant.ofEpochMilli(at).toString()).findFirst().orElse(null);
    }

    private static String last(List<Click> clicks) {
        return clicks.stream().mapToLong(Click::at).max().stream().mapToObj(at -> Instant.ofEpochMilli(at).toString()).findFirst().orElse(null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private void compareSummary(String query, List<Click> counted, List<Click> inRange, String job) {
        JsonNode summary = get("/api/analytics/summary?" + query);
        assertThat(summary.get("clicks").asLong()).as(query).isEqualTo(counted.size());
        assertThat(summary.get("human_clicks").asLong()).as(query).isEqualTo(inRange.stream().filter(c -> !c.bot()).count());
        assertThat(summary.get("bot_clicks").asLong()).as(query).isEqualTo(inRange.stream().filter(Click::bot).count());
        assertThat(summary.get("unique_visitors").asLong()).as(query).isEqualTo(visitors(counted));
        assertThat(summary.get("links_clicked").asLong()).as(query).isEqualTo(counted.stream().map(Click::trackingId).distinct().count());
        assertThat(summary.get("jobs_clicked").asLong()).as(query)
                .isEqualTo(counted.stream().map(Click::jobId).filter(Objects::nonNull).distinct().count());
        assertThat(text(summary.get("first_click"))).as(query).isEqualTo(first(counted));
        assertThat(text(summary.get("last_click"))).as(query).isEqualTo(last(counted));
        if (job != null) {
            assertThat(summary.get("jobs_clicked").asLong()).isLessThanOrEqualTo(1);
        }
    }

    private void compareTop(String query, List<Click> counted, Function<Click, String> key, String path, String field) {
        Map<String, List<Click>> groups = counted.stream().collect(Collectors.groupingBy(key));
        List<String> expectedOrder = groups.keySet().stream()
                .sorted(Comparator.comparingLong((String group) -> -groups.get(group).size()).thenComparing(group -> group)).toList();
        JsonNode top = get(path + "?" + query + "&limit=1000");
        List<String> actualOrder = new ArrayList<>();
        for (JsonNode row : top) {
            String group = row.get(field).isNull() ? "" : row.get(field).asText();
            actualOrder.add(group);
            List<Click> expected = groups.get(group);
            assertThat(expected).as(query + " " + group).isNotNull();
            assertThat(row.get("clicks").asLong()).as(query + " " + group).isEqualTo(expected.size());
            assertThat(row.get("unique_visitors").asLong()).as(query + " " + group).isEqualTo(visitors(expected));
            assertThat(text(row.get("last_click"))).as(query + " " + group).isEqualTo(last(expected));
            if (row.has("links_clicked")) {
                assertThat(row.get("links_clicked").asLong()).as(query + " " + group)
                        .isEqualTo(expected.stream().map(Click::trackingId).distinct().count());
            }
        }
        assertThat(actualOrder).as(query).isEqualTo(expectedOrder);
        JsonNode two = get(path + "?" + query + "&limit=2");
        assertThat(two.size()).isEqualTo(Math.min(2, expectedOrder.size()));
        for (int i = 0; i < two.size(); i++) {
            String group = two.get(i).get(field).isNull() ? "" : two.get(i).get(field).asText();
            assertThat(group).as(query + " limit2").isEqualTo(expectedOrder.get(i));
            assertThat(two.get(i).get("unique_visitors").asLong()).as(query + " limit2 " + group).isEqualTo(visitors(groups.get(group)));
        }
    }

    private void compareSeries(String query, List<Click> counted, long length, long[] range) {
        Map<Long, Long> expected = new LinkedHashMap<>();
        for (long bucket = Math.floorDiv(range[0], length); bucket <= Math.floorDiv(range[1] - 1, length); bucket++) {
            expected.put(bucket * length, 0L);
        }
        counted.forEach(c -> expected.merge(c.at() / length * length, 1L, Long::sum));
        Map<Long, Long> actual = new LinkedHashMap<>();
        get("/api/analytics/timeseries?" + query).get("buckets")
                .forEach(bucket -> actual.put(Instant.parse(bucket.get("start").asText()).toEpochMilli(), bucket.get("clicks").asLong()));
        assertThat(actual).as(query).isEqualTo(expected);
    }

    private void compareSource(String query, List<Click> inRange) {
        JsonNode source = get("/api/analytics/sources?" + query).get("sources").get(0);
        assertThat(source.get("source_id").asText()).isEqualTo("indeed");
        assertThat(source.get("human_clicks").asLong()).as(query).isEqualTo(inRange.stream().filter(c -> !c.bot()).count());
        assertThat(source.get("bot_clicks").asLong()).as(query).isEqualTo(inRange.stream().filter(Click::bot).count());
    }

    private void compareDrilldown(String query, List<Click> counted, List<Click> inRange) {
        JsonNode job = get("/api/jobs/spotify/analytics?" + query);
        assertThat(job.get("clicks").asLong()).as(query).isEqualTo(counted.size());
        assertThat(job.get("human_clicks").asLong()).as(query).isEqualTo(inRange.stream().filter(c -> !c.bot()).count());
        assertThat(job.get("bot_clicks").asLong()).as(query).isEqualTo(inRange.stream().filter(Click::bot).count());
        assertThat(job.get("unique_visitors").asLong()).as(query).isEqualTo(visitors(counted));
        assertThat(text(job.get("first_click"))).as(query).isEqualTo(first(counted));
        assertThat(text(job.get("last_click"))).as(query).isEqualTo(last(counted));
        Map<String, List<Click>> byLink = counted.stream().collect(Collectors.groupingBy(Click::trackingId));
        Set<String> seen = new HashSet<>();
        for (JsonNode link : job.get("links")) {
            String id = link.get("tracking_id").asText();
            seen.add(id);
            List<Click> expected = byLink.getOrDefault(id, List.of());
            assertThat(link.get("clicks").asLong()).as(query + " " + id).isEqualTo(expected.size());
            assertThat(link.get("unique_visitors").asLong()).as(query + " " + id).isEqualTo(visitors(expected));
            assertThat(text(link.get("first_click"))).as(query + " " + id).isEqualTo(first(expected));
            assertThat(text(link.get("last_click"))).as(query + " " + id).isEqualTo(last(expected));
        }
        assertThat(seen).hasSize(3);
        Map<Long, Long> daily = new HashMap<>();
        counted.forEach(c -> daily.merge(c.at() / DAY * DAY, 1L, Long::sum));
        job.get("daily").forEach(bucket -> assertThat(bucket.get("clicks").asLong()).as(query + " " + bucket)
                .isEqualTo(daily.getOrDefault(Instant.parse(bucket.get("start").asText()).toEpochMilli(), 0L)));
    }
}
