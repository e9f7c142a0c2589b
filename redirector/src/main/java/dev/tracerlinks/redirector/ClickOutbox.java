package dev.tracerlinks.redirector;

import dev.tracerlinks.model.ClickEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable click queue between the redirect and tracker-api. Each click is appended as one JSON
 * line to a segment file before the redirect is answered; the shipper reads batches from a cursor
 * that it moves only after tracker-api has stored them. A click written here survives {@code kill -9}
 * of the redirector (it is in the operating system's page cache; a thread of the shipper fsyncs the
 * segments, and the directory after a roll, every 200 ms, which bounds what a power cut can take).
 * A batch read but not acknowledged is read again after a crash, which is harmless: tracker-api stores
 * each click id once.
 *
 * <p>The segment being written is a file of zeros, allocated in full when it starts and mapped into
 * memory: an append is a copy into the page cache under a short lock, not a {@code write} call that
 * grows the file (that call was a third of the redirect handler's time under load). The data ends at
 * the first zero byte, which no JSON line contains; a segment is cut to its data when it rolls or
 * closes, and any segment left by a crash is cut at its first zero byte when the outbox opens.
 *
 * <p>Segments roll at {@code segmentBytes} ({@value #SEGMENT_BYTES} by default); fully shipped segments are deleted. The disk used,
 * counting the segment being written at its full size, is bounded by {@code maxBytes}: when full, new
 * clicks are dropped (the redirect still happens) with a log line at most once a minute.
 */
final class ClickOutbox implements AutoCloseable {
    /** Small enough that allocating the next segment (on the request path, under the lock) takes about a millisecond. */
    static final long SEGMENT_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ClickOutbox.class);
    /** Enough for a full batch (a click line is a few hundred bytes), and well within tracker-api's 4 MiB body limit. */
    private static final int READ_CHUNK = 1 << 20;
    private static final Duration FULL_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Duration ALLOCATION_RETRY = Duration.ofSeconds(5);
    private static final byte[] EMPTY_ARRAY = {'[', ']'};
    /** Refused batches are kept for a human to look at, within this bound. */
    private static final long MAX_REFUSED_BYTES = 16L << 20;
    private static final byte[] ZEROS = new byte[1 << 16];
    /** The file of the spare segment; it never holds clicks, and whatever is left of it at start-up is deleted. */
    private static final String SPARE = "spare-segment";

    /**
     * A batch read from the outbox: {@code size} clicks as a JSON array, ready to send as they were
     * written (the shipper never parses them), and the position to acknowledge once they are stored.
     */
    record Batch(byte[] jsonArray, int size, long segment, long endOffset) {
        boolean isEmpty() {
            return size == 0;
        }
    }

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final Clock clock;

    // Writer state, guarded by this.
    private long writeSegment;
    /** The segment being written, mapped; null after a failed roll, until an append can start a new one. */
    private MappedByteBuffer writer;
    private long writeOffset;
    /** Sizes of the segment files, the one being written at its full allocated size. */
    private long bytesOnDisk;
    /** The next segment, made ahead by the shipper's keeper thread ({@link #prepareSpare()}); counted in {@code bytesOnDisk}. */
    private MappedByteBuffer spare;
    private boolean spareInProgress;
    private boolean closed;
    /** After a segment could not be made, no new attempt before this ({@link System#nanoTime()}). */
    private long allocationRetryAt = Long.MIN_VALUE;
    private Instant lastAllocationLog = Instant.EPOCH;
    /** Segments finished since the last {@link #forceToDisk()}: forcing them at the roll would hold up every redirect. */
    private final List<MappedByteBuffer> finishedUnforced = new ArrayList<>();
    /** A segment was made or renamed since the last force: its name is durable only once the directory is fsynced. */
    private boolean directoryChanged;
    private long pending;
    private long dropped;
    private Instant lastFullLog = Instant.EPOCH;
    /** The pending count at which appends wake the shipper; none while it is not waiting. */
    private long wakeReaderAt = Long.MAX_VALUE;

    // Reader state, used by the single shipper thread.
    private long readSegment;
    private long readOffset;
    private FileChannel reader;
    private long readerSegmentOpen = -1;
    /**
     * Bytes of segment {@code readerSegmentOpen} from file offset {@code bufferStart}, valid up to its
     * position. A batch takes whole lines from the front; the rest is kept for the next batch rather
     * than read from the file again.
     */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);
    private long bufferStart;

    ClickOutbox(Path dataDir, long maxBytes, Clock clock) {
        this(dataDir, maxBytes, SEGMENT_BYTES, clock);
    }

    ClickOutbox(Path dataDir, long maxBytes, long segmentBytes, Clock clock) {
        this.directory = dataDir.resolve("outbox");
        this.maxBytes = maxBytes;
        // The segment being written is only deleted after it rolls, so it must be a small part of the budget.
        this.segmentBytes = Math.max(1, Math.min(segmentBytes, maxBytes / 4));
        this.clock = clock;
    }

    /** Finds the cursor and what is left to ship, and starts a fresh segment for new clicks. */
    synchronized ClickOutbox open() {
        try {
            Files.createDirectories(directory);
            keepOrDeleteSpare();
            long[] cursor = readCursor();
            readSegment = cursor[0];
            readOffset = cursor[1];
            List<Long> remaining = new ArrayList<>();
            for (long segment : segmentNumbers()) {
                if (segment < readSegment) {
                    Files.deleteIfExists(segmentFile(segment));
                } else {
                    remaining.add(segment);
                    long[] sizeAndLines = cutAtFirstZero(segment, segment == readSegment ? readOffset : 0);
                    bytesOnDisk += sizeAndLines[0];
                    pending += sizeAndLines[1];
                }
            }
            // New clicks always go to a new segment: the last one may end in a line cut short by a crash.
            long next = Math.max(readSegment, remaining.isEmpty() ? readSegment : remaining.get(remaining.size() - 1)) + 1;
            if (remaining.isEmpty()) {
                readSegment = next;
                readOffset = 0;
            } else if (remaining.get(0) > readSegment) {
                readSegment = remaining.get(0);
                readOffset = 0;
            }
            writeSegment = next - 1;
            if (!startSegment(segmentBytes)) {
                // No file for it yet: the reader passes over a missing segment, and appends try again.
                writeSegment = next;
                LOG.error("Click outbox full ({} MB in {}) at start-up; new clicks are dropped until tracker-api takes some",
                        bytesOnDisk >> 20, directory);
            }
            if (pending > 0) {
                LOG.info("Click outbox: {} clicks from before the restart still to ship", pending);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the click outbox in " + directory, e);
        }
    }

    /** Writes the click before the redirect is answered; false when the outbox is full and the click was dropped. */
    boolean append(ClickEvent event) {
        byte[] line = ClickLine.of(event);
        synchronized (this) {
            boolean fits = writer != null && writeOffset + line.length <= writer.capacity();
            if (!fits && !startSegment(Math.max(segmentBytes, line.length))) {
                dropped++;
                Instant now = clock.instant();
                if (lastFullLog.plus(FULL_LOG_INTERVAL).isBefore(now)) {
                    LOG.error("Click outbox full ({} MB in {}): {} clicks dropped so far; is tracker-api reachable, is there disk space?",
                            bytesOnDisk >> 20, directory, dropped);
                    lastFullLog = now;
                }
                return false;
            }
            try {
                writer.put((int) writeOffset, line);
            } catch (InternalError e) {
                // A fault on a mapped page: the file system could not give it a block after all (copy-on-write
                // file systems do not keep the zeros' blocks). The click is dropped; a new segment is tried next time.
                LOG.error("Cannot write to the click outbox in {}: {}", directory, e.toString());
                dropped++;
                finishSegment();
                return false;
            }
            writeOffset += line.length;
            pending++;
            if (pending >= wakeReaderAt) {
                notifyAll();
            }
            return true;
        }
    }

    synchronized long pending() {
        return pending;
    }

    synchronized long dropped() {
        return dropped;
    }

    /** Waits up to {@code timeout} until at least {@code count} clicks are waiting to ship. */
    synchronized void awaitClicks(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        wakeReaderAt = count;
        try {
            for (long left = timeout.toNanos(); pending < count && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } finally {
            wakeReaderAt = Long.MAX_VALUE;
        }
    }

    /** Up to {@code max} clicks from the cursor on; empty when there is nothing to ship. Shipper thread only. */
    Batch read(int max) throws IOException {
        while (true) {
            long segmentEnd;
            boolean segmentClosed;
            synchronized (this) {
                segmentClosed = readSegment < writeSegment;
                segmentEnd = !segmentClosed ? writeOffset
                        : Files.exists(segmentFile(readSegment)) ? Files.size(segmentFile(readSegment)) : 0;
            }
            if (readOffset < segmentEnd) {
                Batch batch = readLines(max, segmentEnd);
                if (!batch.isEmpty()) {
                    return batch;
                }
            }
            if (!segmentClosed) {
                return new Batch(EMPTY_ARRAY, 0, readSegment, readOffset);
            }
            if (readOffset < segmentEnd) {
                LOG.warn("Skipping {} bytes of a click line cut short in {}", segmentEnd - readOffset, segmentFile(readSegment));
            }
            moveCursor(readSegment + 1, 0);
        }
    }

    /** The batch is stored in tracker-api: move the cursor past it for good. */
    void acknowledge(Batch batch) throws IOException {
        moveCursor(batch.segment(), batch.endOffset());
        synchronized (this) {
            pending -= batch.size();
        }
    }

    /**
     * Sets a batch tracker-api refused aside in {@code refused.jsonl} (anonymised events only) and
     * moves on, so one bad batch cannot hold up every click behind it.
     */
    void setAside(Batch batch) throws IOException {
        Path refused = directory.resolve("refused.jsonl");
        long size = Files.exists(refused) ? Files.size(refused) : 0;
        if (size + batch.jsonArray().length <= MAX_REFUSED_BYTES) {
            // Written as sent (one JSON array per line), never parsed: it may be what made tracker-api refuse it.
            byte[] line = Arrays.copyOf(batch.jsonArray(), batch.jsonArray().length + 1);
            line[line.length - 1] = '\n';
            Files.write(refused, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            LOG.error("{} is full ({} MB); {} refused clicks dropped", refused, MAX_REFUSED_BYTES >> 20, batch.size());
        }
        acknowledge(batch);
    }

    private Batch readLines(int max, long segmentEnd) throws IOException {
        ByteBuffer buffer = readBuffer;
        if (readerSegmentOpen != readSegment) {
            if (reader != null) {
                reader.close();
            }
            reader = FileChannel.open(segmentFile(readSegment), StandardOpenOption.READ);
            readerSegmentOpen = readSegment;
            buffer.clear();
            bufferStart = readOffset;
        }
        if (readOffset < bufferStart || readOffset > bufferStart + buffer.position()) {
            buffer.clear();
        } else {
            // Drop what was shipped since: the bytes before the cursor.
            buffer.flip().position((int) (readOffset - bufferStart));
            buffer.compact();
        }
        bufferStart = readOffset;
        byte[] bytes = buffer.array();
        int count = 0;
        int end = 0;
        int scanned = 0;
        while (true) {
            for (; scanned < buffer.position() && count < max; scanned++) {
                if (bytes[scanned] == '\n') {
                    count++;
                    end = scanned + 1;
                }
            }
            long fileEnd = bufferStart + buffer.position();
            if (count >= max || !buffer.hasRemaining() || fileEnd >= segmentEnd) {
                break;
            }
            // Top up, at most to where the writer had got to when this read began.
            int before = buffer.position();
            buffer.limit((int) Math.min(buffer.capacity(), before + (segmentEnd - fileEnd)));
            while (buffer.hasRemaining() && reader.read(buffer, bufferStart + buffer.position()) > 0) {
                // keep reading until the buffer is full or the file ends
            }
            buffer.limit(buffer.capacity());
            if (buffer.position() == before) {
                break;
            }
        }
        if (count == 0) {
            return new Batch(EMPTY_ARRAY, 0, readSegment, readOffset);
        }
        // One copy: '[' + the lines with each newline turned into ',' and the last one into ']'.
        byte[] array = new byte[end + 1];
        array[0] = '[';
        System.arraycopy(bytes, 0, array, 1, end);
        for (int i = 1; i < end; i++) {
            if (array[i] == '\n') {
                array[i] = ',';
            }
        }
        array[end] = ']';
        return new Batch(array, count, readSegment, readOffset + end);
    }

    private void moveCursor(long segment, long offset) throws IOException {
        if (segment == readSegment && offset == readOffset) {
            return;
        }
        Path cursor = directory.resolve("cursor");
        Path temporary = directory.resolve("cursor.tmp");
        try {
            Files.writeString(temporary, segment + " " + offset + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // A full disk: the spare's space lets the cursor move, and shipped segments then free more.
            releaseSpare();
            throw e;
        }
        Files.move(temporary, cursor, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (long old = readSegment; old < segment; old++) {
            Path file = segmentFile(old);
            if (Files.exists(file)) {
                long size = Files.size(file);
                // Emptied before it goes: that takes its pages out of the mapping it was written through,
                // which stays until the collector finds the buffer (Java 17 cannot unmap a file).
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(0);
                    synchronized (this) {
                        bytesOnDisk -= size;
                    }
                }
                Files.delete(file);
            }
        }
        readSegment = segment;
        readOffset = offset;
    }

    /**
     * Forces appended clicks to the disk: the segment being written and those finished since the last
     * call. Outside the outbox lock, so redirects do not wait for the fsync; a finished segment has been
     * cut to its data meanwhile, and forcing it touches none of its mapped pages.
     */
    void forceToDisk() {
        List<MappedByteBuffer> segments;
        boolean forceDirectory;
        synchronized (this) {
            segments = new ArrayList<>(finishedUnforced);
            finishedUnforced.clear();
            if (writer != null) {
                segments.add(writer);
            }
            forceDirectory = directoryChanged;
            directoryChanged = false;
        }
        segments.forEach(this::force);
        if (forceDirectory) {
            forceDirectory();
        }
    }

    /** Without this, a power cut can lose a new segment's name, and so its clicks, on some file systems. */
    private void forceDirectory() {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException e) {
            LOG.error("Cannot fsync the click outbox directory {}: {}", directory, e.toString());
        }
    }

    /** Segments finished but not yet forced to disk. */
    synchronized int unforcedSegments() {
        return finishedUnforced.size();
    }

    private void force(MappedByteBuffer segment) {
        try {
            segment.force();
        } catch (UncheckedIOException e) {
            LOG.error("Cannot fsync the click outbox: {}", e.getCause().toString());
        }
    }

    /**
     * Finishes the segment being written (cut to its data, forced by the next {@link #forceToDisk()}) and starts the
     * next with {@code capacity} bytes allocated, if the disk budget has room for it. False when it has
     * not, or the file could not be made; appends then try again.
     */
    private boolean startSegment(long capacity) {
        Path file = segmentFile(writeSegment + 1);
        MappedByteBuffer next;
        if (spare != null && spare.capacity() >= capacity) {
            try {
                // Its size is on the books already.
                Files.move(directory.resolve(SPARE), file, StandardCopyOption.ATOMIC_MOVE);
                next = spare;
                spare = null;
            } catch (IOException e) {
                LOG.error("Cannot take the spare click outbox segment: {}", e.toString());
                return false;
            }
        } else {
            // The segment being finished still counts at its full size until it is cut: the bound holds throughout.
            if (bytesOnDisk + capacity > maxBytes || System.nanoTime() < allocationRetryAt) {
                return false;
            }
            next = allocate(file, capacity);
            if (next == null) {
                return false;
            }
            bytesOnDisk += capacity;
        }
        finishSegment();
        writer = next;
        writeSegment++;
        writeOffset = 0;
        directoryChanged = true;
        return true;
    }

    /**
     * Makes the next segment ahead of time, off the request path, so that a roll is a rename: making
     * one takes a millisecond or more, all of it under the lock every redirect waits for. The shipper's keeper thread.
     */
    void prepareSpare() {
        synchronized (this) {
            if (closed || spare != null || spareInProgress || bytesOnDisk + segmentBytes > maxBytes
                    || System.nanoTime() < allocationRetryAt) {
                return;
            }
            spareInProgress = true;
            bytesOnDisk += segmentBytes;
        }
        MappedByteBuffer prepared = null;
        try {
            // Never the last free space of the disk: the cursor needs some to move on.
            if (Files.getFileStore(directory).getUsableSpace() >= 2 * segmentBytes + (1 << 20)) {
                prepared = allocate(directory.resolve(SPARE), segmentBytes);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the free space of {}: {}", directory, e.toString());
        }
        synchronized (this) {
            spareInProgress = false;
            if (prepared == null) {
                bytesOnDisk -= segmentBytes;
            } else {
                spare = prepared;
            }
        }
    }

    /** Gives the spare's disk space back. */
    private synchronized void releaseSpare() {
        if (spare == null) {
            return;
        }
        spare = null;
        try {
            Files.deleteIfExists(directory.resolve(SPARE));
            bytesOnDisk -= segmentBytes;
        } catch (IOException e) {
            LOG.warn("Cannot delete the spare click outbox segment: {}", e.toString());
        }
    }

    /**
     * A file of {@code capacity} zeros, mapped; null when it cannot be made (a full disk, say), and then
     * no new attempt for a few seconds: each one writes zeros under the lock that redirects wait for.
     */
    private MappedByteBuffer allocate(Path file, long capacity) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // Zeros written, not a sparse length: the blocks are taken now, so a full disk is an error
            // here rather than a fault when a mapped page is first written.
            for (long written = 0; written < capacity; written += ZEROS.length) {
                raf.write(ZEROS, 0, (int) Math.min(ZEROS.length, capacity - written));
            }
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        } catch (IOException e) {
            synchronized (this) {
                allocationRetryAt = System.nanoTime() + ALLOCATION_RETRY.toNanos();
                Instant now = clock.instant();
                if (lastAllocationLog.plus(FULL_LOG_INTERVAL).isBefore(now)) {
                    LOG.error("Cannot make a click outbox segment in {} ({}); new clicks are dropped until it can", directory, e.toString());
                    lastAllocationLog = now;
                }
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A segment left behind is cut at its first zero byte, which is where it starts, by the next open.
            }
            return null;
        }
    }

    private void finishSegment() {
        if (writer == null) {
            return;
        }
        long unused = writer.capacity() - writeOffset;
        finishedUnforced.add(writer);
        writer = null;
        try (RandomAccessFile raf = new RandomAccessFile(segmentFile(writeSegment).toFile(), "rw")) {
            raf.setLength(writeOffset);
            bytesOnDisk -= unused;
        } catch (IOException e) {
            // The zeros stay until the next open cuts them off; the reader takes them for a torn line and skips them.
            LOG.error("Cannot cut click outbox segment {} to its data: {}", segmentFile(writeSegment), e.toString());
        }
    }

    /**
     * A spare left behind holds no clicks and goes; one that does was made a segment by a roll that a
     * power cut undid (the rename was not on disk yet, the clicks written into it were), and becomes the
     * last segment again.
     */
    private void keepOrDeleteSpare() throws IOException {
        Path leftover = directory.resolve(SPARE);
        if (!Files.exists(leftover)) {
            return;
        }
        boolean empty;
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.READ)) {
            ByteBuffer first = ByteBuffer.allocate(1);
            empty = channel.read(first, 0) <= 0 || first.get(0) == 0;
        }
        if (empty) {
            Files.delete(leftover);
        } else {
            List<Long> segments = segmentNumbers();
            long next = Math.max(readCursor()[0], segments.isEmpty() ? 0 : segments.get(segments.size() - 1)) + 1;
            Files.move(leftover, segmentFile(next), StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("Click outbox: a spare segment held clicks (its roll was lost in a crash); kept as {}", segmentFile(next));
        }
    }

    private long[] readCursor() throws IOException {
        Path cursor = directory.resolve("cursor");
        if (!Files.exists(cursor)) {
            return new long[] {0, 0};
        }
        String[] parts = Files.readString(cursor, StandardCharsets.UTF_8).strip().split(" ");
        try {
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (RuntimeException e) {
            LOG.error("Unreadable outbox cursor {}; shipping everything in the outbox again (tracker-api ignores duplicates)", cursor);
            return new long[] {0, 0};
        }
    }

    /**
     * Cuts a segment left from before the restart at its first zero byte, where its data ends (a
     * segment being written is all zeros past its last click), in the same pass that counts its lines
     * from {@code fromOffset}: {size, lines}.
     */
    private long[] cutAtFirstZero(long segment, long fromOffset) throws IOException {
        long lines = 0;
        try (FileChannel channel = FileChannel.open(segmentFile(segment), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long position = 0;
            int read;
            while ((read = channel.read(buffer, position)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer.get(i);
                    if (b == 0) {
                        channel.truncate(position + i);
                        return new long[] {position + i, lines};
                    }
                    if (b == '\n' && position + i >= fromOffset) {
                        lines++;
                    }
                }
                position += read;
                buffer.clear();
            }
            return new long[] {position, lines};
        }
    }

    private List<Long> segmentNumbers() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("clicks-\\d{20}\\.jsonl"))
                    .map(name -> Long.parseLong(name.substring(7, 27)))
                    .sorted()
                    .toList();
        }
    }

    private Path segmentFile(long segment) {
        return directory.resolve(String.format("clicks-%020d.jsonl", segment));
    }

    @Override
    public synchronized void close() {
        closed = true;
        finishSegment();
        releaseSpare();
        finishedUnforced.forEach(this::force);
        finishedUnforced.clear();
        if (directoryChanged) {
            forceDirectory();
            directoryChanged = false;
        }
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the click outbox: {}", e.toString());
        }
    }
}
