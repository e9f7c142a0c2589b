package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ClickEvent;
import dev.tracerlinks.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickOutboxTest {
    private final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path directory;

    private ClickOutbox open(long maxBytes, long segmentBytes) {
        return new ClickOutbox(directory, maxBytes, segmentBytes, Clock.systemUTC()).open();
    }

    private static ClickEvent click(int number) {
        return new ClickEvent("click-" + String.format("%08d", number), "acme-xx", Instant.parse("2026-01-01T00:00:00Z"),
                null, "203.0.113.0/24", null, "UA", null, null, null, "GET", Map.of(), Map.of());
    }

    /** The click ids of a batch, read from the JSON array that would be sent. */
    private List<String> ids(ClickOutbox.Batch batch) throws IOException {
        List<String> ids = new ArrayList<>();
        mapper.readTree(batch.jsonArray()).forEach(click -> ids.add(click.get("click_id").asText()));
        assertThat(ids).hasSize(batch.size());
        return ids;
    }

    @Test
    void acknowledged_clicks_are_gone_and_unacknowledged_ones_come_back_after_a_restart() throws IOException {
        ClickOutbox outbox = open(1 << 20, 1 << 20);
        for (int i = 0; i < 5; i++) {
            assertThat(outbox.append(click(i))).isTrue();
        }
        ClickOutbox.Batch first = outbox.read(2);
        assertThat(ids(first)).containsExactly("click-00000000", "click-00000001");
        outbox.acknowledge(first);
        assertThat(outbox.pending()).isEqualTo(3);
        ClickOutbox.Batch unacknowledged = outbox.read(10);
        assertThat(unacknowledged.size()).isEqualTo(3);
        // Simulate a crash: no acknowledgement, no close.

        ClickOutbox restarted = open(1 << 20, 1 << 20);
        assertThat(restarted.pending()).isEqualTo(3);
        assertThat(ids(restarted.read(10))).containsExactly("click-00000002", "click-00000003", "click-00000004");
        restarted.append(click(5));
        ClickOutbox.Batch all = restarted.read(10);
        restarted.acknowledge(all);
        assertThat(ids(all)).containsExactly("click-00000002", "click-00000003", "click-00000004");
        ClickOutbox.Batch next = restarted.read(10);
        assertThat(ids(next)).containsExactly("click-00000005");
        restarted.acknowledge(next);
        assertThat(restarted.pending()).isZero();
        assertThat(open(1 << 20, 1 << 20).pending()).isZero();
    }

    @Test
    void batches_interleaved_with_writes_retries_and_segment_rolls_ship_every_click_once_in_order() throws IOException {
        // Small segments so batches cross them; reads carry unshipped bytes over between calls.
        ClickOutbox outbox = open(64L << 20, 20_000);
        java.util.Random random = new java.util.Random(7);
        List<String> shipped = new ArrayList<>();
        int written = 0;
        for (int round = 0; round < 300; round++) {
            for (int i = random.nextInt(40); i > 0; i--) {
                outbox.append(click(written++));
            }
            ClickOutbox.Batch batch = outbox.read(1 + random.nextInt(25));
            if (batch.isEmpty()) {
                continue;
            }
            if (random.nextInt(4) == 0) {
                // tracker-api did not answer: the same clicks must come back next time.
                assertThat(ids(outbox.read(batch.size()))).isEqualTo(ids(batch));
                continue;
            }
            shipped.addAll(ids(batch));
            outbox.acknowledge(batch);
        }
        for (ClickOutbox.Batch batch = outbox.read(1000); !batch.isEmpty(); batch = outbox.read(1000)) {
            shipped.addAll(ids(batch));
            outbox.acknowledge(batch);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < written; i++) {
            expected.add(click(i).clickId());
        }
        assertThat(shipped).isEqualTo(expected);
        assertThat(outbox.pending()).isZero();
        outbox.close();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void redirect_threads_appending_while_the_shipper_reads_acknowledges_forces_and_prepares_spares_ship_every_click_once()
            throws Exception {
        // Small segments: hundreds of rolls, each racing the shipper's spare, force and acknowledgement.
        ClickOutbox outbox = open(64L << 20, 20_000);
        int writers = 4;
        int perWriter = 5_000;
        java.util.concurrent.ConcurrentLinkedQueue<Integer> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int first = writer * perWriter;
            Thread thread = new Thread(() -> {
                for (int i = first; i < first + perWriter; i++) {
                    if (!outbox.append(click(i))) {
                        refused.add(i);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        List<String> shipped = new ArrayList<>();
        java.util.Random random = new java.util.Random(11);
        while (threads.stream().anyMatch(Thread::isAlive) || outbox.pending() > 0) {
            outbox.awaitClicks(1 + random.nextInt(200), java.time.Duration.ofMillis(5));
            ClickOutbox.Batch batch = outbox.read(1 + random.nextInt(300));
            if (!batch.isEmpty() && random.nextInt(5) > 0) {
                shipped.addAll(ids(batch));
                outbox.acknowledge(batch);
            }
            outbox.forceToDisk();
            outbox.prepareSpare();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(refused).isEmpty();
        assertThat(shipped).hasSize(writers * perWriter).doesNotHaveDuplicates();
        for (int writer = 0; writer < writers; writer++) {
            // Each thread's clicks in the order it appended them (ids are zero-padded, so they sort as numbers).
            String first = click(writer * perWriter).clickId();
            String end = click((writer + 1) * perWriter).clickId();
            List<String> own = shipped.stream().filter(id -> id.compareTo(first) >= 0 && id.compareTo(end) < 0).toList();
            assertThat(own).as("writer " + writer).isSorted().hasSize(perWriter);
        }
        outbox.close();
        assertThat(open(64L << 20, 20_000).pending()).isZero();
    }

    @Test
    void the_outbox_is_forced_to_disk_while_the_shipper_waits_on_a_tracker_api_that_hangs() throws Exception {
        // tracker-api accepts connections and never answers: each batch waits for its 10 s timeout.
        try (java.net.ServerSocket hanging = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ClickOutbox outbox = open(64L << 20, 20_000);
            TrackerClient tracker = new TrackerClient(java.net.URI.create("http://127.0.0.1:" + hanging.getLocalPort() + "/"), "key", mapper);
            ClickShipper shipper = new ClickShipper(outbox, tracker);
            shipper.start();
            outbox.append(click(0));
            Thread.sleep(1000);
            // The shipper is waiting on tracker-api; redirects go on, and their segments roll.
            for (int i = 1; i < 500; i++) {
                outbox.append(click(i));
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (outbox.unforcedSegments() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(outbox.unforcedSegments()).as("segments finished but not forced").isZero();
            assertThat(held).isNotEmpty();
            for (java.net.Socket socket : held) {
                socket.close();
            }
            shipper.close();
            outbox.close();
        }
    }

    @Test
    void the_shipper_wait_ends_when_enough_clicks_are_in_or_when_time_is_up() throws Exception {
        try (ClickOutbox outbox = open(1 << 20, 1 << 20)) {
            outbox.append(click(1));
            // Time is up: one click is not three.
            outbox.awaitClicks(3, java.time.Duration.ofMillis(50));
            assertThat(outbox.pending()).isEqualTo(1);

            // Enough clicks: the wait ends long before its hour, woken by the appends.
            Thread writer = new Thread(() -> {
                outbox.append(click(2));
                outbox.append(click(3));
            });
            writer.start();
            outbox.awaitClicks(3, java.time.Duration.ofHours(1));
            writer.join();
            assertThat(outbox.pending()).isEqualTo(3);
            assertThat(ids(outbox.read(10))).containsExactly("click-00000001", "click-00000002", "click-00000003");
        }
    }

    @Test
    void a_line_cut_short_by_a_crash_is_skipped() throws IOException {
        ClickOutbox outbox = open(1 << 20, 1 << 20);
        outbox.append(click(1));
        outbox.append(click(2));
        outbox.close();
        Path segment;
        try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
            segment = files.filter(file -> file.getFileName().toString().startsWith("clicks-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.writeString(segment, "{\"click_id\":\"click-torn\",\"track", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ClickOutbox restarted = open(1 << 20, 1 << 20);
        restarted.append(click(3));
        List<String> shipped = shipAll(restarted, 10);
        assertThat(shipped).containsExactly("click-00000001", "click-00000002", "click-00000003");
    }

    @Test
    void a_crash_while_a_segment_is_mapped_loses_only_the_torn_line_and_the_restart_cuts_the_zeros_off() throws IOException {
        ClickOutbox outbox = open(1 << 20, 1 << 20);
        outbox.append(click(1));
        outbox.append(click(2));
        // Killed without a close: the segment is still its full allocated size, zeros past the two lines.
        Path segment = lastSegment();
        byte[] bytes = Files.readAllBytes(segment);
        assertThat(bytes.length).isEqualTo(1 << 18);
        int dataEnd = indexOfZero(bytes);
        assertThat(new String(bytes, 0, dataEnd, StandardCharsets.UTF_8)).contains("click-00000001").endsWith("\n");
        // The copy of a third line was cut short by the kill.
        byte[] torn = "{\"click_id\":\"click-torn\",\"tr".getBytes(StandardCharsets.UTF_8);
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(dataEnd);
            file.write(torn);
        }

        ClickOutbox restarted = open(1 << 20, 1 << 20);
        assertThat(Files.size(segment)).isEqualTo(dataEnd + torn.length);
        restarted.append(click(3));
        List<String> shipped = shipAll(restarted, 10);
        assertThat(shipped).containsExactly("click-00000001", "click-00000002", "click-00000003");
        restarted.close();
        // Closed: the segment is cut to its data, no zeros left over.
        byte[] closed = Files.readAllBytes(lastSegment());
        assertThat(indexOfZero(closed)).isEqualTo(-1);
        assertThat(new String(closed, StandardCharsets.UTF_8)).endsWith("\n").contains("click-00000003");
    }

    @Test
    void the_segment_being_written_counts_at_its_full_size_against_the_disk_budget() throws IOException {
        // Room for four 1,000-byte segments: the one being written is allocated in full from the start.
        ClickOutbox outbox = open(4000, 1000);
        outbox.append(click(0));
        assertThat(Files.size(lastSegment())).isEqualTo(1000);
        int written = 1;
        // Filled and shipped again and again: the space shipped segments took is given back every time.
        for (int cycle = 0; cycle < 20; cycle++) {
            int accepted = 0;
            while (outbox.append(click(written))) {
                accepted++;
                written++;
            }
            assertThat(accepted).as("cycle " + cycle).isGreaterThanOrEqualTo(6);
            long onDisk;
            try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
                onDisk = files.filter(file -> file.getFileName().toString().startsWith("clicks-")).mapToLong(file -> file.toFile().length()).sum();
            }
            assertThat(onDisk).as("cycle " + cycle).isLessThanOrEqualTo(4000).isGreaterThan(2500);
            for (ClickOutbox.Batch batch = outbox.read(1000); !batch.isEmpty(); batch = outbox.read(1000)) {
                outbox.acknowledge(batch);
            }
            assertThat(outbox.pending()).isZero();
            outbox.forceToDisk();
        }
    }

    @Test
    void a_roll_takes_the_spare_segment_made_ahead_and_a_spare_left_by_a_crash_is_deleted() throws IOException {
        ClickOutbox outbox = open(1 << 20, 1000);
        outbox.prepareSpare();
        Path spare = directory.resolve("outbox/spare-segment");
        assertThat(spare).exists();
        assertThat(Files.size(spare)).isEqualTo(1000);
        for (int i = 0; i < 6; i++) {
            outbox.append(click(i));
        }
        // The segment rolled at least once: the first roll renamed the spare, the next ones made their own.
        assertThat(spare).doesNotExist();
        List<String> shipped = shipAll(outbox, 10);
        assertThat(shipped).hasSize(6).doesNotHaveDuplicates();

        // Finished segments were cut and shipped ones emptied and deleted: forcing their mappings is harmless.
        outbox.forceToDisk();
        outbox.prepareSpare();
        assertThat(spare).exists();
        // Killed: the spare stays behind, holding no clicks; the next start deletes it.
        ClickOutbox restarted = open(1 << 20, 1000);
        assertThat(spare).doesNotExist();
        assertThat(restarted.pending()).isZero();

        // A power cut undid the rename of a spare that clicks were then written into: they are kept.
        restarted.append(click(7));
        restarted.close();
        Files.move(lastSegment(), spare);
        ClickOutbox afterPowerCut = open(1 << 20, 1000);
        assertThat(spare).doesNotExist();
        assertThat(ids(afterPowerCut.read(10))).containsExactly("click-00000007");
    }

    /** Reads and acknowledges batches of up to {@code max} until the outbox is empty; the click ids, in order. */
    private List<String> shipAll(ClickOutbox outbox, int max) throws IOException {
        List<String> shipped = new ArrayList<>();
        for (ClickOutbox.Batch batch = outbox.read(max); !batch.isEmpty(); batch = outbox.read(max)) {
            shipped.addAll(ids(batch));
            outbox.acknowledge(batch);
        }
        return shipped;
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("clicks-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void a_refused_batch_is_set_aside_as_it_was_without_being_parsed() throws IOException {
        ClickOutbox outbox = open(1 << 20, 1 << 20);
        outbox.append(click(1));
        outbox.close();
        Path segment;
        try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
            segment = files.filter(file -> file.getFileName().toString().startsWith("clicks-")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.writeString(segment, "not json at all\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ClickOutbox restarted = open(1 << 20, 1 << 20);
        ClickOutbox.Batch batch = restarted.read(10);
        assertThat(batch.size()).isEqualTo(2);
        restarted.setAside(batch);
        assertThat(restarted.pending()).isZero();
        assertThat(Files.readString(directory.resolve("outbox/refused.jsonl"))).contains("click-00000001").contains("not json at all");
        assertThat(restarted.read(10).isEmpty()).isTrue();
    }

    @Test
    void segments_roll_and_shipped_ones_are_deleted() throws IOException {
        ClickOutbox outbox = open(1 << 20, 1000);
        for (int i = 0; i < 50; i++) {
            outbox.append(click(i));
        }
        try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("clicks-")).count()).isGreaterThan(3);
        }
        List<String> shipped = shipAll(outbox, 7);
        assertThat(shipped).hasSize(50).doesNotHaveDuplicates();
        try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("clicks-")).count()).isEqualTo(1);
        }
    }

    @Test
    void a_full_outbox_drops_new_clicks_and_counts_them() throws IOException {
        ClickOutbox outbox = open(1000, 1 << 20);
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (outbox.append(click(i))) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(1, 19);
        assertThat(outbox.dropped()).isEqualTo(20 - accepted);
        List<String> shipped = shipAll(outbox, 100);
        assertThat(shipped).hasSize(accepted);
        // Space is given back once segments are shipped and deleted.
        assertThat(outbox.append(click(99))).isTrue();
    }
}
