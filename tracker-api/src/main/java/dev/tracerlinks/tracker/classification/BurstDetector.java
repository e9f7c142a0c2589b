package dev.tracerlinks.tracker.classification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        if (visitorHashes.isEmpty()) {
            return 0;
        }
        List<VisitorClick> clicks = handle.createQuery("""
                        SELECT c.click_id, c.tracking_id, c.visitor_hash || ' ' || coalesce(l.job_id, '') AS visitor_job,
                               c.clicked_at, c.is_bot
                          FROM link_clicks c JOIN link_tracking l ON l.tracking_id = c.tracking_id
                         WHERE c.visitor_hash IN (<visitors>) AND c.clicked_at BETWEEN :from AND :to
                         ORDER BY visitor_job, c.clicked_at
                        """)
                .bindList("visitors", List.copyOf(visitorHashes))
                .bind("from", from.minus(WINDOW).toEpochMilli())
                .bind("to", to.plus(WINDOW).toEpochMilli())
                .map((rs, ctx) -> new VisitorClick(rs.getString("click_id"), rs.getString("tracking_id"), rs.getString("visitor_job"),
                        rs.getLong("clicked_at"), rs.getBoolean("is_bot")))
                .list();
        Set<String> flagged = new HashSet<>();
        List<Flag> flags = new ArrayList<>();
        int start = 0;
        while (start < clicks.size()) {
            int end = start;
            Set<String> links = new HashSet<>();
            while (end < clicks.size() && clicks.get(end).visitorJob().equals(clicks.get(start).visitorJob())
                    && clicks.get(end).clickedAt() - clicks.get(start).clickedAt() <= WINDOW.toMillis()) {
                links.add(clicks.get(end).trackingId());
                end++;
            }
            if (links.size() >= MIN_LINKS) {
                long seconds = Math.max(1, (clicks.get(end - 1).clickedAt() - clicks.get(start).clickedAt() + 999) / 1000);
                String reason = "burst:" + links.size() + "-links-in-" + seconds + "s";
                for (int i = start; i < end; i++) {
                    VisitorClick click = clicks.get(i);
                    if (!click.isBot() && flagged.add(click.clickId())) {
                        flags.add(new Flag(click.clickId(), reason));
                    }
                }
            }
            start++;
        }
        for (Flag flag : flags) {
            handle.createUpdate("UPDATE link_clicks SET is_bot = 1, bot_reason = :reason WHERE click_id = :clickId")
                    .bind("reason", flag.reason()).bind("clickId", flag.clickId()).execute();
        }
        return flags.size();
    }
}
