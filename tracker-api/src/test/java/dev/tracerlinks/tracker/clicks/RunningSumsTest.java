package dev.tracerlinks.tracker.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.db.Database;
import dev.tracerlinks.tracker.classification.BurstDetector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-link running click counts of V12, row by row against a recount of the stored clicks, and the
 * daily running sums of visitors (V7) with them: extended by the writes themselves while clicks arrive
 * in order, recomputed by refresh after clicks arrive out of order and in ties, after re-labelling, and
 * with more stale links than one refresh step takes.
 */
class RunningSumsTest {
    private static final long DAY = 86_400_000L;
    private static final long START = 1_751_328_000_000L;
    /** The running counts as they should be, straight from the clicks. */
    private static final String RECOUNT = "SELECT tracking_id, clicked_at, sum(sum(is_bot = 0)) OVER w AS human,"
            + " sum(sum(is_bot <> 0)) OVER w AS bot FROM link_clicks GROUP BY tracking_id, clicked_at"
            + " WINDOW w AS (PARTITION BY tracking_id ORDER BY clicked_at)";

    @TempDir
    Path directory;
    Database database;
    Jdbi jdbi;
    RunningSums sums;
    ClickStore store;
    final Random random = new Random(20261123);
    int clickNumber;

    @BeforeEach
    void open() {
        database = Database.openSqlite(directory.resolve("tracker.db"));
        jdbi = database.jdbi();
        sums = new RunningSums(database.engine());
        store = new ClickStore(database.engine(), new BurstDetector(), sums, () -> { });
        jdbi.useHandle(handle -> {
            for (int link = 0; link < 600; link++) {
                // Every third link has no job.
                handle.execute("INSERT INTO link_tracking (tracking_id, job_id, link_function, link_type, original_url, redirect_url,"
                        + " created_at, change_seq) VALUES (?, ?, 'GitHub', 'resume_link', 'https://example.com', 'https://t/cv/x', 0, ?)",
                        "link-" + link, link % 3 == 0 ? null : "job-" + link % 7, link + 1);
            }
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_running_counts_equal_a_recount_through_late_clicks_ties_and_relabelling() {
        // 600 links with clicks: more than two refresh steps of 256 links.
        insertClicks(3_000, START + 3 * DAY, 3 * DAY);
        sums.refresh(jdbi);
        assertEqualToARecount();

        // Late clicks, for times before clicks already counted; some in a millisecond that already has one.
        jdbi.useHandle(handle -> {
            for (long at : handle.createQuery("SELECT clicked_at FROM link_clicks WHERE tracking_id = 'link-5' ORDER BY clicked_at LIMIT 3")
                    .mapTo(Long.class).list()) {
                insertClick(handle, "link-5", at, 0);
            }
        });
        insertClicks(500, START, 4 * DAY);
        sums.refresh(jdbi);
        assertEqualToARecount();

        // Re-labelled both ways.
        relabel("rowid % 5 = 0 AND is_bot = 0", true);
        relabel("rowid % 7 = 0 AND is_bot <> 0", false);
        relabel("rowid % 11 = 0", true);
        assertThat(jdbi.withHandle(RunningSums::isStale)).isTrue();
        sums.refresh(jdbi);
        assertEqualToARecount();
    }

    @Test
    void clicks_arriving_in_time_order_extend_the_sums_in_the_write_itself() {
        // Batches in time order, several clicks of one link in one batch and in one millisecond, a batch
        // starting at the last one's final millisecond; visitors on several days.
        long at = START;
        for (int batch = 0; batch < 40; batch++) {
            List<StoredClick> clicks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                clicks.add(click("link-" + random.nextInt(30), at, random.nextInt(4) == 0));
                at += random.nextInt(3) * (DAY / 500);
            }
            jdbi.useTransaction(handle -> store.insert(handle, clicks));
            assertThat(jdbi.withHandle(RunningSums::isStale)).as("batch " + batch).isFalse();
        }
        assertEqualToARecount();
        // One late click: only its link is listed, from its time, and refresh mends it.
        jdbi.useTransaction(handle -> store.insert(handle, List.of(click("link-3", START + 1, false))));
        List<String> stale = jdbi.withHandle(handle -> handle.createQuery("SELECT tracking_id || '@' || since FROM stale_link_click_totals")
                .mapTo(String.class).list());
        assertThat(stale).containsExactly("link-3@" + (START + 1));
        sums.refresh(jdbi);
        assertEqualToARecount();
    }

    private void relabel(String condition, boolean bot) {
        jdbi.useTransaction(handle -> store.relabel(handle, handle.createQuery("SELECT click_id FROM link_clicks WHERE " + condition)
                .mapTo(String.class).map(id -> new ClickStore.Label(id, bot, bot ? "test" : null)).list()));
    }

    @Test
    void clicks_written_between_refresh_steps_are_counted_by_the_next_refresh() {
        insertClicks(3_000, START + DAY, 3 * DAY);
        // Late clicks for most links make them stale (600 of them, more than two steps).
        insertClicks(3_000, START, DAY);
        long stale = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM stale_link_click_totals").mapTo(Long.class).one());
        assertThat(stale).isGreaterThan(512);
        // One step: the first 256 stale links (by id) are up to date, the rest still stale.
        assertThat(jdbi.inTransaction(sums::refreshStep)).isTrue();
        // Then, as from another connection: late clicks for a link the step did and for one it did not,
        // one of them in a millisecond that already has a click.
        jdbi.useHandle(handle -> {
            long tie = handle.createQuery("SELECT min(clicked_at) FROM link_clicks WHERE tracking_id = 'link-0'").mapTo(Long.class).one();
            insertClick(handle, "link-0", tie, 1);
            insertClick(handle, "link-0", START, 0);
            insertClick(handle, "link-99", START, 0);
        });
        sums.refresh(jdbi);
        assertEqualToARecount();
    }

    private void insertClicks(int count, long from, long span) {
        List<StoredClick> clicks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // A hundred possible times: some clicks of one link share a millisecond.
            long at = from + random.nextInt(100) * (span / 100);
            clicks.add(click("link-" + random.nextInt(600), at, random.nextInt(4) == 0));
        }
        jdbi.useTransaction(handle -> store.insert(handle, clicks));
    }

    private void insertClick(Handle handle, String link, long at, int isBot) {
        store.insert(handle, List.of(click(link, at, isBot != 0)));
    }

    private StoredClick click(String link, long at, boolean bot) {
        return new StoredClick("click-" + clickNumber++, link, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at), null,
                "v" + random.nextInt(50), null, null, null, null, null, "{}", "{}", bot, bot ? "test" : null);
    }

    private void assertEqualToARecount() {
        jdbi.useHandle(handle -> {
            assertThat(handle.createQuery("SELECT count(*) FROM stale_link_click_totals").mapTo(Long.class).one()).isZero();
            long rows = handle.createQuery("SELECT count(*) FROM link_click_totals").mapTo(Long.class).one();
            long distinct = handle.createQuery("SELECT count(*) FROM (SELECT DISTINCT tracking_id, clicked_at FROM link_clicks)")
                    .mapTo(Long.class).one();
            assertThat(rows).isEqualTo(distinct);
            assertThat(handle.createQuery("SELECT count(*) FROM (" + RECOUNT + " EXCEPT SELECT * FROM link_click_totals)")
                    .mapTo(Long.class).one()).as("rows missing or wrong").isZero();
            // V7's daily running sums of visitors, per link and per job, refreshed in the same steps.
            for (String[] daily : new String[][] {{"click_days_by_link", "tracking_id", "stale_link_totals"},
                    {"click_days_by_job", "job_id", "stale_job_totals"}}) {
                assertThat(handle.createQuery("SELECT count(*) FROM " + daily[2]).mapTo(Long.class).one()).as(daily[2]).isZero();
                assertThat(handle.createQuery("SELECT count(*) FROM (SELECT " + daily[1] + ", day, sum(human_visitors) OVER w,"
                        + " sum(visitors) OVER w FROM " + daily[0] + " WINDOW w AS (PARTITION BY " + daily[1] + " ORDER BY day)"
                        + " EXCEPT SELECT " + daily[1] + ", day, human_visitors_total, visitors_total FROM " + daily[0] + ")")
                        .mapTo(Long.class).one()).as(daily[0]).isZero();
            }
        });
    }
}
