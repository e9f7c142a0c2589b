package dev.tracerlinks.model;

import java.util.List;

/**
 * One page of the link replica feed ({@code GET /api/links/changes?after=N}): links changed after
 * {@code N} in change order, each in its latest state; ask again with {@code after=next_seq}.
 * {@code latest_seq} is the newest change there is: a reader ahead of it is reading a database that
 * was restored or replaced, and must start again from 0.
 */
public record LinkChanges(List<LinkData> links, long nextSeq, boolean hasMore, long latestSeq) {
}
