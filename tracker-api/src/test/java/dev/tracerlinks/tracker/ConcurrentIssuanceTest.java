package dev.tracerlinks.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simultaneous issuance must neither duplicate a reused link nor hand one token out twice. */
class ConcurrentIssuanceTest {
    @TempDir
    Path directory;
    TrackerApiServer server;
    ExecutorService pool = Executors.newFixedThreadPool(16);

    @BeforeEach
    void start() {
        server = TrackerApiServer.start(directory, "http://localhost:8080");
        server.putJob("j1", "Acme");
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        server.close();
    }

    private List<HttpJson.Response> inParallel(int count, java.util.function.IntFunction<HttpJson.Response> call) throws Exception {
        List<Future<HttpJson.Response>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit((Callable<HttpJson.Response>) () -> call.apply(index)));
        }
        List<HttpJson.Response> responses = new ArrayList<>();
        for (Future<HttpJson.Response> future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    @Test
    void the_same_link_requested_at_once_is_created_once() throws Exception {
        List<HttpJson.Response> responses = inParallel(30, i -> server.issueLink("j1", "p1", "https://github.com/jane"));
        assertThat(responses.stream().filter(response -> response.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(response -> response.status() == 200)).hasSize(29);
        assertThat(responses.stream().map(response -> response.json().get("tracking_id").asText()).distinct()).hasSize(1);
    }

    @Test
    void different_links_requested_at_once_get_distinct_tokens() throws Exception {
        List<HttpJson.Response> responses = inParallel(60, i -> server.issueLink("j1", "p" + i, "https://example.com/" + i));
        assertThat(responses).allMatch(response -> response.status() == 201);
        assertThat(responses.stream().map(response -> response.json().get("tracking_id").asText()).distinct()).hasSize(60);
    }
}
