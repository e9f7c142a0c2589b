package dev.tracerlinks.tracker.classification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.tracker.analytics.ClickRollups;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies today's rules to every stored click: rules change (a new scanner, a new list version), and
 * analytics must follow. Works through the clicks in pages, one transaction per page, so a large
 * table neither sits in memory nor blocks ingestion for long; then looks for bursts visitor by visitor,
 * and brings the analytics' running sums up to date.
 */
public final class Reclassifier {
    private static final int PAGE = 1_000;
    private static final TypeReference<Map<String, String>> SIGNALS = new TypeReference<>() { };

    /** How many clicks were looked at, and how many of them are bots now. */
    public record Result(long clicks, long bots) {
    }

    private record StoredClick(long rowId, String method, String userAgent, String signals) {
    }

    private final Jdbi jdbi;
    private final BotClassifier classifier;
    private final BurstDetector bursts;
    private final ObjectMapper mapper;

    public Reclassifier(Jdbi jdbi, BotClassifier classifier, BurstDetector bursts, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.classifier = classifier;
        this.bursts = bursts;
        this.mapper = mapper;
    }

    public synchronized Result reclassifyAll() {
        long clicks = 0;
        long lastRowId = 0;
        while (true) {
            long after = lastRowId;
            // Burst flags are derived again below, from the per-click labels written here.
            List<StoredClick> page = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT rowid, method, user_agent, signals FROM link_clicks
                             WHERE rowid > :after ORDER BY rowid LIMIT :limit
                            """)
                    .bind("after", after).bind("limit", PAGE)
                    .map((rs, ctx) -> new StoredClick(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list());
            if (page.isEmpty()) {
                break;
            }
            // Classify first, then write: the write lock is held only for the updates, not the regex work.
            List<BotClassifier.Verdict> verdicts = page.stream()
                    .map(click -> classifier.classify(click.method(), click.userAgent(), signals(click.signals())))
                    .toList();
            jdbi.useTransaction(handle -> {
                var update = handle.prepareBatch("UPDATE link_clicks SET is_bot = :isBot, bot_reason = :reason WHERE rowid = :rowId");
                for (int i = 0; i < page.size(); i++) {
                    update.bind("isBot", verdicts.get(i).isBot()).bind("reason", verdicts.get(i).reason())
                            .bind("rowId", page.get(i).rowId()).add();
                }
                update.execute();
            });
            clicks += page.size();
            lastRowId = page.get(page.size() - 1).rowId();
        }
        List<String> visitors = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT visitor_hash FROM link_clicks WHERE visitor_hash IS NOT NULL").mapTo(String.class).list());
        for (int index = 0; index < visitors.size(); index += 500) {
            List<String> some = visitors.subList(index, Math.min(visitors.size(), index + 500));
            jdbi.useTransaction(handle -> bursts.flag(handle, some, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")));
        }
        // New labels leave the analytics' running sums stale from each changed click on: recompute them here, not at the next read.
        ClickRollups.refresh(jdbi);
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
