package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracerlinks.model.ClickEvent;
import dev.tracerlinks.model.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickLineTest {
    private final ObjectMapper mapper = Json.newMapper();

    private static ClickEvent click(String text, Instant at, Map<String, String> metadata, Map<String, String> signals) {
        return new ClickEvent("0192f0c4-7d1e-7a3b-9c2d-123456789abc", "acme-ab", at, null, "203.0.113.0/24", "ab12", text,
                "https://mail.google.com", null, null, "GET", metadata, signals);
    }

    @Test
    void jackson_reads_every_line_back_as_the_same_click_and_as_it_would_have_written_it() throws Exception {
        Map<String, String> signals = new LinkedHashMap<>();
        signals.put("accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        signals.put("sec-fetch-mode", "navigate");
        signals.put("quote\"key", "back\\slash");
        List<ClickEvent> clicks = List.of(
                click("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36", Instant.parse("2026-11-23T14:05:06Z"),
                        Map.of(), signals),
                click("quotes \" and \\ backslashes, tab\t, newline\n, bell\u0007, delete\u007f, nul\u0000",
                        Instant.parse("2026-11-23T14:05:06.123456789Z"), Map.of("utm_source", "linkedin"), Map.of()),
                click("Latin-1 from headers: caf\u00e9 \u00ff, and beyond: \u65e5\u672c \ud83d\ude00", Instant.parse("2026-01-01T00:00:00.100Z"),
                        Map.of("utm_campaign", "\u00e9t\u00e9 2026"), signals),
                click(null, null, null, null),
                new ClickEvent(null, null, null, null, null, null, null, null, null, null, null, Map.of(), Map.of()));
        for (ClickEvent click : clicks) {
            byte[] line = ClickLine.of(click);
            assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
            assertThat(new String(line, 0, line.length - 1, StandardCharsets.UTF_8)).doesNotContain("\n");
            assertThat(mapper.readValue(line, ClickEvent.class)).isEqualTo(click);
            assertThat(mapper.readTree(line)).isEqualTo(mapper.readTree(mapper.writeValueAsBytes(click)));
        }
    }

    @Test
    void a_surrogate_without_its_pair_becomes_a_replacement_character_in_values_and_names() throws Exception {
        ClickEvent click = click("broken \ud83d pair", Instant.EPOCH, Map.of("utm_\udc00", "x"), Map.of());
        ClickEvent read = mapper.readValue(ClickLine.of(click), ClickEvent.class);
        assertThat(read.userAgent()).isEqualTo("broken \ufffd pair");
        assertThat(read.metadata()).containsEntry("utm_\ufffd", "x");
    }

    @Test
    void a_null_name_is_left_out_rather_than_making_the_line_unreadable() throws Exception {
        Map<String, String> metadata = new java.util.HashMap<>();
        metadata.put(null, "x");
        metadata.put("utm_source", "y");
        ClickEvent read = mapper.readValue(ClickLine.of(click("UA", Instant.EPOCH, metadata, Map.of())), ClickEvent.class);
        assertThat(read.metadata()).isEqualTo(Map.of("utm_source", "y"));
    }
}
