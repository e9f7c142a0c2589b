package dev.tracerlinks.tracker.classification;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scanner bursts: one visitor opening {@value #MIN_LINKS} or more different links of the same job
 * within {@link #WINDOW}. Email security gateways (Safe Links, URL Defense, ...) and link previewers
 * fetch every link of a message or document within a second or two of each other; a person reading a
 * resume opens a link, looks, comes back. Two links in quick succession (a ctrl-click on two) stay
 * human. Every click of a burst is flagged, including the first, once the burst is recognised; a click
 * already flagged by another rule keeps that rule's reason. The caller loads the clicks (the click
 * store, for a batch and the window around it) and writes the flags.
 */
public final class BurstDetector {
    public static final int MIN_LINKS = 3;
    public static final Duration WINDOW = Duration.ofSeconds(3);

    /** A click as bursts see it: {@code visitorJob} is the visitor and the job together, the unit a burst happens in. */
    public record VisitorClick(String clickId, String trackingId, String visitorJob, long clickedAt, boolean isBot) {
    }

    /**
     * The human clicks among these that belong to a burst, each with the burst's reason. One pass over
     * the clicks sorted by visitor-job and time: a window slides from each click to the last one within
     * {@link #WINDOW} of it, counting the links inside; where they reach {@link #MIN_LINKS}, the window's
     * human clicks not flagged yet are flagged. Linear in the clicks (after the sort), so a visitor with
     * thousands of clicks a second cannot stall ingestion.
     */
    public Map<String, String> flags(Collection<VisitorClick> unsorted) {
        List<VisitorClick> clicks = unsorted.stream()
                .sorted(Comparator.comparing(VisitorClick::visitorJob).thenComparingLong(VisitorClick::clickedAt)
                        .thenComparing(VisitorClick::clickId))
                .toList();
        Map<String, String> flags = new LinkedHashMap<>();
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
                        flags.put(clicks.get(i).clickId(), reason);
                    }
                }
                flaggedUpTo = end;
            }
            linksInWindow.computeIfPresent(first.trackingId(), (link, count) -> count == 1 ? null : count - 1);
        }
        return flags;
    }
}
