package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.Json;
import dev.tracerlinks.model.LinkData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkReplicaTest {
    private final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path directory;

    private static LinkData link(String token, boolean active) {
        return new LinkData(token, "https://example.com/" + token, null, "Website", "resume_link", "j1", null, active, null, "p", null, false, null, null, null, null, null, null);
    }

    @Test
    void the_replica_survives_a_restart_with_its_feed_position() {
        LinkReplica replica = new LinkReplica(directory, mapper).open();
        replica.applyFeed(List.of(link("acme-aa", true), link("acme-bb", true)), 2);
        replica.applyFeed(List.of(link("acme-aa", false)), 3);
        replica.rememberLookup(link("acme-cc", true));
        replica.close();

        LinkReplica restarted = new LinkReplica(directory, mapper).open();
        assertThat(restarted.feedSeq()).isEqualTo(3);
        assertThat(restarted.get("acme-aa").active()).isFalse();
        assertThat(restarted.get("acme-bb").destination()).isEqualTo("https://example.com/acme-bb");
        assertThat(restarted.get("acme-cc").active()).isTrue();
        assertThat(restarted.size()).isEqualTo(3);
    }

    @Test
    void a_page_cut_short_does_not_advance_the_feed_position() throws IOException {
        LinkReplica replica = new LinkReplica(directory, mapper).open();
        replica.applyFeed(List.of(link("acme-aa", true)), 5);
        replica.close();
        // A crash in the middle of writing the next page: one link line, a torn line, no position marker.
        Files.writeString(directory.resolve("links.jsonl"),
                "{\"tracking_id\":\"acme-bb\",\"destination\":\"https://example.com/acme-bb\",\"active\":true,\"seq\":0}\n{\"tracking_id\":\"acme-c",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        LinkReplica restarted = new LinkReplica(directory, mapper).open();
        assertThat(restarted.feedSeq()).as("the page is read again from the old position").isEqualTo(5);
        assertThat(restarted.get("acme-aa")).isNotNull();
        assertThat(restarted.get("acme-bb")).as("a complete line is a valid state, even without its marker").isNotNull();
        assertThat(restarted.size()).isEqualTo(2);
    }

    @Test
    void a_stale_lookup_after_a_deactivation_is_not_written_and_the_deactivation_survives_a_restart() {
        LinkReplica replica = new LinkReplica(directory, mapper).open();
        replica.applyFeed(List.of(link("acme-aa", false)), 1);
        replica.rememberLookup(link("acme-aa", true));
        replica.close();
        assertThat(new LinkReplica(directory, mapper).open().get("acme-aa").active()).isFalse();
    }

    @Test
    void a_restarted_feed_is_read_from_the_start_and_the_restart_survives_a_reload() {
        LinkReplica replica = new LinkReplica(directory, mapper).open();
        replica.applyFeed(List.of(link("acme-aa", true)), 40);
        replica.restartFeed();
        assertThat(replica.feedSeq()).isZero();
        replica.applyFeed(List.of(link("acme-bb", true)), 2);
        replica.close();
        LinkReplica restarted = new LinkReplica(directory, mapper).open();
        assertThat(restarted.feedSeq()).isEqualTo(2);
        assertThat(restarted.get("acme-aa")).isNotNull();
        assertThat(restarted.get("acme-bb")).isNotNull();
    }

    @Test
    void a_lookup_answer_never_overrides_what_the_feed_said() {
        LinkReplica replica = new LinkReplica(directory, mapper).open();
        replica.applyFeed(List.of(link("acme-aa", false)), 1);
        assertThat(replica.rememberLookup(link("acme-aa", true)).active()).isFalse();
        assertThat(replica.get("acme-aa").active()).isFalse();
    }
}
