package dev.tracerlinks.tracker.classification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Scanner bursts: one visitor opening {@value #MIN_LINKS} or more different links of the same job
 * within {@link #WINDOW}. Email security gateways (Safe Links, URL Defense, ...) and link previewers
 * fetch every link of a message or document within a second or two of each other; a person reading a
 * resume opens a link, looks, comes back. Two links in quick succession (a ctrl-click on two) stay
 * human. Every click of a burst is flagged, including the first, once the burst is recognised; a click
 * already flagged by another rule keeps that rule's reason.
 */
public final class BurstDetector {
    static final int MIN_LINKS = 3;
    static final Duration WINDOW = Duration.ofSeconds(3);

    /** {@code visitorJob}: the visitor and the job together, the unit a burst happens in. */
    private record VisitorClick(String clickId, String trackingId, String visitorJob, long clickedAt, boolean isBot) {
    }

    private record Flag(String clickId, String reason) {
    }

    /** Flags the bursts of these visitors around {@code from}..{@code to} (one query); returns how many clicks it flagged. */
    public int flag(Handle handle, Collection<String> visitorHashes, Instant from, Instant to) {
        long windowFrom = from.minus(WINDOW).toEpochMilli();
        long windowTo = to.plus(WINDOW).toEpochMilli();
        // Only human clicks can be flagged: a visitor without one near these clicks has nothing to flag.
        // This skips, from an index of human clicks alone, the visitors that send thousands of bot clicks.
        List<String> withHumanClicks = visitorHashes.isEmpty() ? List.of() : handle.createQuery("""
                        SELECT DISTINCT visitor_hash FROM link_clicks
                         WHERE visitor_hash IN (<visitors>) AND is_bot = 0 AND clicked_at BETWEEN :from AND :to
                        """)
                .bindList("visitors", List.copyOf(visitorHashes)).bind("from", windowFrom).bind("to", windowTo)
                .mapTo(String.class).list();
        if (withHumanClicks.isEmpty()) {
            return 0;
        }
        List<VisitorClick> clicks = handle.createQuery("""
                        SELECT c.click_id, c.tracking_id, c.visitor_hash || ' ' || coalesce(l.job_id, '') AS visitor_job,
                               c.clicked_at, c.is_bot
                          FROM link_clicks c JOIN link_tracking l ON l.tracking_id = c.tracking_id
                         WHERE c.visitor_hash IN (<visitors>) AND c.clicked_at BETWEEN :from AND :to
                         ORDER BY visitor_job, c.clicked_at
                        """)
                .bindList("visitors", withHumanClicks).bind("from", windowFrom).bind("to", windowTo)
                .map((rs, ctx) -> new VisitorClick(rs.getString("click_id"), rs.getString("tracking_id"), rs.getString("visitor_job"),
                        rs.getLong("clicked_at"), rs.getBoolean("is_bot")))
                .list();
        List<Flag> flags = bursts(clicks);
        for (Flag flag : flags) {
            handle.createUpdate("UPDATE link_clicks SET is_bot = 1, bot_reason = :reason WHERE click_id = :clickId")
                    .bind("reason", flag.reason()).bind("clickId", flag.clickId()).execute();
        }
        return flags.size();
    }

    /**
     * One pass over clicks sorted by visitor-job and time: a window slides from each click to the last
     * one within {@link #WINDOW} of it, counting the links inside; where they reach {@link #MIN_LINKS},
     * the window's human clicks not flagged yet are flagged with its reason. Linear in the clicks, so a
     * visitor with thousands of clicks a second cannot stall ingestion.
     */
    private static List<Flag> bursts(List<VisitorClick> clicks) {
        List<Flag> flags = new ArrayList<>();
        Map<String, Integer> linksInWindow = new HashMap<>();
        int end = 0;
        int flaggedUpTo = 0;
        for (int start = 0; start < clicks.size(); start++) {
            VisitorClick first = clicks.get(start);
            while (end < clicks.size() && clicks.get(end).visitorJob().equals(first.visitorJob())
                    && clicks.get(end).clickedAt() - first.clickedAt() <= WINDOW.toMillis()) {
                linksInWindow.merge(clicks.get(end).trackingId(), 1, Integer::sum);
                end++;
            }
            if (linksInWindow.size() >= MIN_LINKS) {
                long seconds = Math.max(1, (clicks.get(end - 1).clickedAt() - first.clickedAt() + 999) / 1000);
                String reason = "burst:" + linksInWindow.size() + "-links-in-" + seconds + "s";
                for (int i = Math.max(start, flaggedUpTo); i < end; i++) {
                    if (!clicks.get(i).isBot()) {
                        flags.add(new Flag(clicks.get(i).clickId(), reason));
                    }
                }
                flaggedUpTo = end;
            }
            linksInWindow.computeIfPresent(first.trackingId(), (link, count) -> count == 1 ? null : count - 1);
        }
        return flags;
    }
}
