package dev.tracerlinks.tracker.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.db.Database;
import java.nio.file.Path;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-link running click counts of V12, row by row against a recount of the stored clicks, and the
 * daily running sums of visitors (V7) refreshed with them: after clicks arrive out of order and in
 * ties, after re-labelling (is_bot values other than 0 and 1 included), and with more stale links
 * than one refresh step takes.
 */
class RunningClickCountsTest {
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
    final Random random = new Random(20261123);
    int clickNumber;

    @BeforeEach
    void open() {
        database = Database.openSqlite(directory.resolve("tracker.db"));
        jdbi = database.jdbi();
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
        ClickRollups.refresh(jdbi);
        assertEqualToARecount();

        // Late clicks, for times before clicks already counted; some in a millisecond that already has one.
        jdbi.useHandle(handle -> {
            for (long at : handle.createQuery("SELECT clicked_at FROM link_clicks WHERE tracking_id = 'link-5' ORDER BY clicked_at LIMIT 3")
                    .mapTo(Long.class).list()) {
                insertClick(handle, "link-5", at, 0);
            }
        });
        insertClicks(500, START, 4 * DAY);
        ClickRollups.refresh(jdbi);
        assertEqualToARecount();

        // Re-labelled both ways; any value but 0 is a bot.
        jdbi.useHandle(handle -> {
            handle.execute("UPDATE link_clicks SET is_bot = 2 WHERE rowid % 5 = 0 AND is_bot = 0");
            handle.execute("UPDATE link_clicks SET is_bot = 0 WHERE rowid % 7 = 0 AND is_bot <> 0");
            handle.execute("UPDATE link_clicks SET is_bot = -1 WHERE rowid % 11 = 0");
        });
        ClickRollups.refresh(jdbi);
        assertEqualToARecount();
    }

    @Test
    void clicks_written_between_refresh_steps_are_counted_by_the_next_refresh() {
        insertClicks(3_000, START + DAY, 3 * DAY);
        // One step: the first 256 stale links (by id) are up to date, the rest still stale.
        assertThat(jdbi.inTransaction(ClickRollups::refreshStep)).isTrue();
        // Then, as from another connection: late clicks for a link the step did and for one it did not,
        // one of them in a millisecond that already has a click.
        jdbi.useHandle(handle -> {
            long tie = handle.createQuery("SELECT min(clicked_at) FROM link_clicks WHERE tracking_id = 'link-0'").mapTo(Long.class).one();
            insertClick(handle, "link-0", tie, 1);
            insertClick(handle, "link-0", START, 0);
            insertClick(handle, "link-99", START, 0);
        });
        ClickRollups.refresh(jdbi);
        assertEqualToARecount();
    }

    private void insertClicks(int count, long from, long span) {
        jdbi.useTransaction(handle -> {
            for (int i = 0; i < count; i++) {
                // A hundred possible times: some clicks of one link share a millisecond.
                long at = from + random.nextInt(100) * (span / 100);
                insertClick(handle, "link-" + random.nextInt(600), at, random.nextInt(4) == 0 ? 1 : 0);
            }
        });
    }

    private void insertClick(Handle handle, String link, long at, int isBot) {
        handle.execute("INSERT INTO link_clicks (click_id, tracking_id, clicked_at, received_at, visitor_hash, is_bot)"
                + " VALUES (?, ?, ?, ?, ?, ?)", "click-" + clickNumber++, link, at, at, "v" + random.nextInt(50), isBot);
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
