package dev.tracerlinks.redirector;

import dev.tracerlinks.model.LinkChanges;
import dev.tracerlinks.model.LinkData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pulls the link feed from tracker-api into the replica; runs every second on a background thread. */
final class ReplicaSync implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSync.class);

    private final LinkReplica replica;
    private final LinkResolver resolver;
    private final TrackerClient tracker;
    private volatile boolean failing;

    ReplicaSync(LinkReplica replica, LinkResolver resolver, TrackerClient tracker) {
        this.replica = replica;
        this.resolver = resolver;
        this.tracker = tracker;
    }

    @Override
    public void run() {
        try {
            LinkChanges page;
            do {
                page = tracker.linkChanges(replica.feedSeq());
                if (page.latestSeq() < replica.feedSeq()) {
                    replica.restartFeed();
                    page = tracker.linkChanges(0);
                }
                replica.applyFeed(page.links(), page.nextSeq());
                page.links().stream().map(LinkData::trackingId).forEach(resolver::forgetUnknown);
            } while (page.hasMore());
            if (failing) {
                LOG.info("Link feed from tracker-api is back; {} links known", replica.size());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Link feed from tracker-api unavailable, serving the {} links known: {}", replica.size(), e.getMessage());
                failing = true;
            }
        }
    }
}
