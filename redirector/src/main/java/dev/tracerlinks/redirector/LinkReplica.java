package dev.tracerlinks.redirector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.DestinationParameters;
import dev.tracerlinks.model.LinkData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's own copy of every link it needs: token → destination and whether it is active. Kept in
 * memory for lookups and in an append-only file ({@code links.jsonl}) so that a redirector started
 * while tracker-api is down still serves every link it knew. Each line is one link's latest state;
 * replaying the file in order rebuilds the map. A page of the feed is written as its links followed
 * by a marker line with the new feed position, so if the process dies mid-page the position on disk
 * does not advance and the feed sends the page again; a torn last line is skipped.
 */
final class LinkReplica implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkReplica.class);

    /**
     * What the edge knows of a link: where it goes, and the parameters a tracking link adds to that
     * destination (the click id under {@code clickIdParam}; {@code trackingCode} under {@code trackingCodeParam}).
     */
    record KnownLink(String trackingId, String destination, boolean active, String clickIdParam, String trackingCodeParam,
                     String trackingCode, String location) {
        /** {@code location} is the Location header without a click id, made once here rather than on every redirect. */
        KnownLink(String trackingId, String destination, boolean active, String clickIdParam, String trackingCodeParam,
                String trackingCode) {
            this(trackingId, destination, active, clickIdParam, trackingCodeParam, trackingCode,
                    asciiLocation(DestinationParameters.add(destination, trackingCodeParam, trackingCode)));
        }

        /** Non-ASCII characters in a stored URL are percent-encoded: HTTP headers carry ASCII. */
        private static String asciiLocation(String destination) {
            try {
                return new URI(destination).toASCIIString();
            } catch (URISyntaxException e) {
                return destination;
            }
        }

        static KnownLink of(LinkData link) {
            return new KnownLink(link.trackingId(), link.originalUrl(), link.isActive(), link.appendClickId() ? link.clickIdParam() : null,
                    link.trackingCodeParam(), link.trackingCode());
        }
    }

    /** One line of the file: a link's state, or (no link) a marker of the feed position reached. */
    private record Line(String trackingId, String destination, boolean active, long seq, String clickIdParam,
                        String trackingCodeParam, String trackingCode) {
    }

    private final Path file;
    private final ObjectMapper mapper;
    private final Map<String, KnownLink> links = new ConcurrentHashMap<>();
    private volatile long feedSeq;
    private FileChannel channel;
    private long lines;

    LinkReplica(Path directory, ObjectMapper mapper) {
        this.file = directory.resolve("links.jsonl");
        this.mapper = mapper;
    }

    /** Loads what is on disk, compacts it, and opens the file for appending. */
    synchronized LinkReplica open() {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        apply(text);
                    }
                }
            }
            rewrite();
            LOG.info("Link replica: {} links known, feed position {}", links.size(), feedSeq);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the link replica at " + file, e);
        }
    }

    KnownLink get(String token) {
        return links.get(token);
    }

    long feedSeq() {
        return feedSeq;
    }

    int size() {
        return links.size();
    }

    /** Applies a page of the feed: the feed is authoritative and overrides whatever was known. */
    synchronized void applyFeed(Collection<LinkData> changed, long nextSeq) {
        StringBuilder out = new StringBuilder();
        for (LinkData link : changed) {
            KnownLink known = KnownLink.of(link);
            links.put(known.trackingId(), known);
            out.append(line(known));
        }
        feedSeq = nextSeq;
        out.append(marker(feedSeq));
        append(out.toString(), true);
    }

    /**
     * Remembers a link found by an on-demand lookup, unless the feed got there first: the feed may
     * already carry a newer state (a deactivation) than this answer.
     */
    synchronized KnownLink rememberLookup(LinkData link) {
        // Under the same lock as applyFeed: the file must list states in the order memory took them.
        KnownLink known = KnownLink.of(link);
        KnownLink previous = links.putIfAbsent(known.trackingId(), known);
        if (previous != null) {
            return previous;
        }
        append(line(known), false);
        return known;
    }

    /**
     * tracker-api's feed is behind our position: its database was restored or replaced. Read the whole
     * feed again rather than silently skip every change up to our old position.
     */
    synchronized void restartFeed() {
        LOG.warn("tracker-api's link feed ends before position {}: reading it again from the start", feedSeq);
        feedSeq = 0;
        append(marker(0), true);
    }

    private String line(KnownLink link) {
        return json(new Line(link.trackingId(), link.destination(), link.active(), 0, link.clickIdParam(), link.trackingCodeParam(),
                link.trackingCode()));
    }

    private String marker(long seq) {
        return json(new Line(null, null, false, seq, null, null, null));
    }

    private String json(Line line) {
        try {
            return mapper.writeValueAsString(line) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(String text) {
        try {
            Line line = mapper.readValue(text, Line.class);
            if (line.trackingId() != null && line.destination() != null) {
                links.put(line.trackingId(), new KnownLink(line.trackingId(), line.destination(), line.active(), line.clickIdParam(),
                        line.trackingCodeParam(), line.trackingCode()));
            }
            if (line.trackingId() == null) {
                // A marker: the feed position from here on (0 after a restart of the feed).
                feedSeq = line.seq();
            }
        } catch (IOException e) {
            LOG.warn("Skipping an unreadable line in {} (a write cut short by a crash)", file);
        }
    }

    private void append(String text, boolean force) {
        if (text.isEmpty()) {
            return;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (force) {
                channel.force(false);
            }
            lines += text.chars().filter(c -> c == '\n').count();
            if (lines > 2L * links.size() + 10_000) {
                rewrite();
            }
        } catch (IOException e) {
            // The in-memory replica still serves; the next start re-reads the feed from an older position.
            LOG.error("Cannot write the link replica file {}: {}", file, e.toString());
        }
    }

    /** Writes the current state to a new file and swaps it in atomically. */
    private void rewrite() throws IOException {
        if (channel != null) {
            channel.close();
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder out = new StringBuilder();
        for (KnownLink link : links.values()) {
            out.append(line(link));
        }
        out.append(marker(feedSeq));
        try (FileChannel writer = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                writer.write(bytes);
            }
            writer.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        lines = links.size();
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the link replica: {}", e.toString());
        }
    }
}
