package dev.tracerlinks.tracker.classification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.tracker.clicks.ClickStore;
import dev.tracerlinks.tracker.clicks.RunningSumsWorker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies today's rules to every stored click: rules change (a new scanner, a new list version), and
 * analytics must follow. Works through the clicks in pages, one transaction per page, so a large
 * table neither sits in memory nor blocks ingestion for long; then looks for bursts visitor by visitor.
 * Labels change through the click store, which keeps the rollups exact; the running sums it lists as
 * stale are recomputed by the worker before this answers.
 */
public final class Reclassifier {
    private static final int PAGE = 1_000;
    private static final int VISITORS_PER_STEP = 500;
    private static final TypeReference<Map<String, String>> SIGNALS = new TypeReference<>() { };

    /** How many clicks were looked at, and how many of them are bots now. */
    public record Result(long clicks, long bots) {
    }

    private record StoredClick(String clickId, String method, String userAgent, String signals, boolean isBot, String reason) {
    }

    private final Jdbi jdbi;
    private final BotClassifier classifier;
    private final ClickStore store;
    private final RunningSumsWorker runningSums;
    private final ObjectMapper mapper;

    public Reclassifier(Jdbi jdbi, BotClassifier classifier, ClickStore store, RunningSumsWorker runningSums, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.classifier = classifier;
        this.store = store;
        this.runningSums = runningSums;
        this.mapper = mapper;
    }

    public synchronized Result reclassifyAll() {
        long clicks = 0;
        String lastClickId = "";
        while (true) {
            String after = lastClickId;
            // Burst flags are derived again below, from the per-click labels written here.
            List<StoredClick> page = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT click_id, method, user_agent, signals, is_bot, bot_reason FROM link_clicks
                             WHERE click_id > :after ORDER BY click_id LIMIT :limit
                            """)
                    .bind("after", after).bind("limit", PAGE)
                    .map((rs, ctx) -> new StoredClick(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5) != 0, rs.getString(6)))
                    .list());
            if (page.isEmpty()) {
                break;
            }
            // Classify first, then write: the write lock is held only for the updates, not the regex work.
            List<ClickStore.Label> changed = new ArrayList<>();
            for (StoredClick click : page) {
                BotClassifier.Verdict verdict = classifier.classify(click.method(), click.userAgent(), signals(click.signals()));
                if (verdict.isBot() != click.isBot() || !Objects.equals(verdict.reason(), click.reason())) {
                    changed.add(new ClickStore.Label(click.clickId(), verdict.isBot(), verdict.reason()));
                }
            }
            jdbi.useTransaction(handle -> store.relabel(handle, changed));
            clicks += page.size();
            lastClickId = page.get(page.size() - 1).clickId();
        }
        List<String> visitors = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT visitor_hash FROM link_clicks WHERE visitor_hash IS NOT NULL ORDER BY visitor_hash").mapTo(String.class).list());
        for (int index = 0; index < visitors.size(); index += VISITORS_PER_STEP) {
            List<String> some = visitors.subList(index, Math.min(visitors.size(), index + VISITORS_PER_STEP));
            jdbi.useTransaction(handle -> store.relabel(handle, store.burstsOfVisitors(handle, some)));
        }
        // So that the first top list read after this does not wait for the recompute.
        try {
            runningSums.awaitPass(Duration.ofMinutes(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long bots = jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM link_clicks WHERE is_bot <> 0")
                .mapTo(Long.class).one());
        return new Result(clicks, bots);
    }

    private Map<String, String> signals(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, SIGNALS);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
