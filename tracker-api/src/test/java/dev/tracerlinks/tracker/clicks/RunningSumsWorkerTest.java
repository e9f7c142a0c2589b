package dev.tracerlinks.tracker.clicks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.TrackerApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningSumsWorkerTest {
    @TempDir
    Path directory;

    /** A stopped server left its worker running against a closed pool, logging a warning every second. */
    @Test
    void stopping_the_server_stops_its_worker() throws Exception {
        TrackerApiServer server = TrackerApiServer.start(directory, "https://t.example.dev");
        assertThat(workers()).isEqualTo(1);
        server.close();
        assertThat(workers()).isZero();
    }

    private static long workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("running-sums") && thread.isAlive()).count();
    }
}
