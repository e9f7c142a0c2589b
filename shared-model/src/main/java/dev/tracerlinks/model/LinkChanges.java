package dev.tracerlinks.model;

import java.util.List;

/**
 * One page of the link replica feed ({@code GET /api/links/changes?after=N}): links changed after
 * {@code N} in change order, each in its latest state; ask again with {@code after=next_seq}.
 */
public record LinkChanges(List<LinkData> links, long nextSeq, boolean hasMore) {
}
