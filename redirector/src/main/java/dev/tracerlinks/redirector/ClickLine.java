package dev.tracerlinks.redirector;

import dev.tracerlinks.model.ClickEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A click as one line of the outbox: the JSON that the shared mapper writes for {@link ClickEvent}
 * (snake_case names, ISO instants, nulls written), followed by a newline. Written by hand because it
 * runs on every redirect, where Jackson's data binding took a third of the handler's time; the
 * shipper sends these lines as they are, and {@code ClickLineTest} checks that Jackson reads each
 * back as the same event.
 */
final class ClickLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ClickLine() {
    }

    static byte[] of(ClickEvent click) {
        StringBuilder json = new StringBuilder(512);
        json.append('{');
        field(json, "click_id", click.clickId()).append(',');
        field(json, "tracking_id", click.trackingId()).append(',');
        field(json, "clicked_at", click.clickedAt() == null ? null : click.clickedAt().toString()).append(',');
        field(json, "ip_address", click.ipAddress()).append(',');
        field(json, "ip_prefix", click.ipPrefix()).append(',');
        field(json, "visitor_hash", click.visitorHash()).append(',');
        field(json, "user_agent", click.userAgent()).append(',');
        field(json, "referrer_url", click.referrerUrl()).append(',');
        field(json, "session_id", click.sessionId()).append(',');
        field(json, "click_source", click.clickSource()).append(',');
        field(json, "method", click.method()).append(',');
        map(json, "metadata", click.metadata()).append(',');
        map(json, "signals", click.signals());
        return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        return string(json, value);
    }

    private static StringBuilder map(StringBuilder json, String name, Map<String, String> values) {
        json.append('"').append(name).append("\":");
        if (values == null) {
            return json.append("null");
        }
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey() == null) {
                // JSON has no null names; our maps never hold one, and a line must never be unreadable.
                continue;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, entry.getKey()).append(':');
            string(json, entry.getValue());
        }
        return json.append('}');
    }

    /**
     * A JSON string: quote, backslash and control characters escaped; a surrogate without its pair (which
     * no UTF-8 can carry, and Jackson refuses in names) becomes U+FFFD; everything else as it is (UTF-8 on output).
     */
    private static StringBuilder string(StringBuilder json, String value) {
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                json.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                json.append('\uFFFD');
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
