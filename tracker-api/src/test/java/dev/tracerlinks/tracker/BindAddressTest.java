package dev.tracerlinks.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tracker-api is internal: it listens on loopback unless TRACKER_BIND_ADDRESS says otherwise. On
 * Linux every 127.x address reaches the loopback interface, so a server bound to 127.0.0.1 alone
 * refuses 127.0.0.2, and one bound to every interface takes it.
 */
class BindAddressTest {
    @TempDir
    Path directory;

    @Test
    void by_default_tracker_api_listens_on_127_0_0_1_only() {
        try (TrackerApiServer server = TrackerApiServer.start(directory, "https://t.example.dev")) {
            assertThat(connects("127.0.0.1", server.port())).isTrue();
            assertThat(connects("127.0.0.2", server.port())).isFalse();
        }
    }

    @Test
    void every_interface_when_asked() {
        try (TrackerApiServer server = TrackerApiServer.start(directory, "https://t.example.dev", 0, Map.of("TRACKER_BIND_ADDRESS", "0.0.0.0"))) {
            assertThat(connects("127.0.0.2", server.port())).isTrue();
        }
    }

    @Test
    void a_name_or_an_address_of_another_machine_is_refused_with_a_sentence() {
        assertThatThrownBy(() -> TrackerConfig.fromEnv(Map.of("TRACKER_BIND_ADDRESS", "nosuch.invalid")))
                .hasMessageContaining("TRACKER_BIND_ADDRESS must be an IP address of this machine").hasMessageContaining("nosuch.invalid");
        assertThatThrownBy(() -> TrackerConfig.fromEnv(Map.of("TRACKER_BIND_ADDRESS", "198.51.100.7")))
                .hasMessageContaining("is not an address of this machine");
        assertThat(TrackerConfig.fromEnv(Map.of()).bindAddress()).isEqualTo("127.0.0.1");
        assertThat(TrackerConfig.fromEnv(Map.of("TRACKER_BIND_ADDRESS", "::")).bindAddress()).isEqualTo("::");
    }

    private static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
