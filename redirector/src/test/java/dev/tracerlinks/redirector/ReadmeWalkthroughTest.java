package dev.tracerlinks.redirector;

import static dev.tracerlinks.tracker.TrackerApiServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.TrackerApiServer;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's API walkthrough is a script: its shell blocks run top to bottom, as written, in one bash,
 * against a real tracker-api and redirector (the redirector as the public base URL, so readiness passes
 * and the job's tracer links go on). Every request must succeed (curl reports each status through a
 * {@code .curlrc} of the test's own), and the outputs the text promises must appear. A walkthrough that
 * uses a link after deactivating it, or a source after archiving it, fails here.
 */
class ReadmeWalkthroughTest {
    private static final Path README = Path.of("../README.md");
    private static final Pattern STATUS = Pattern.compile("^HTTP (\\d{3}) (\\S+) (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path directory;

    @Test
    void the_walkthrough_runs_top_to_bottom_against_the_started_services() throws Exception {
        String script = walkthrough(Files.readString(README));
        int edgePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            edgePort = socket.getLocalPort();
        }
        try (TrackerApiServer tracker = TrackerApiServer.start(directory.resolve("tracker"), "http://127.0.0.1:" + edgePort)) {
            String edgeKey = tracker.createKey("redirector");
            Javalin redirector = RedirectorApp.create(RedirectorConfig.of(edgePort, URI.create(tracker.baseUrl()),
                    edgeKey, directory.resolve("edge")), Clock.systemUTC()).start("127.0.0.1", edgePort);
            try {
                Result result = run(script, tracker.baseUrl(), "http://127.0.0.1:" + edgePort, edgeKey);
                assertThat(result.exitCode()).as(result.describe()).isZero();
                List<String> failed = new ArrayList<>();
                Matcher statuses = STATUS.matcher(result.stderr());
                int requests = 0;
                while (statuses.find()) {
                    requests++;
                    if (Integer.parseInt(statuses.group(1)) >= 400) {
                        failed.add(statuses.group());
                    }
                }
                assertThat(failed).as(result.describe()).isEmpty();
                assertThat(requests).as("requests the walkthrough made").isGreaterThan(30);
                // What the text says the commands answer.
                assertThat(result.stdout()).as(result.describe())
                        .contains("\"service\":\"tracker-api\"", "\"service\":\"redirector\"")
                        .contains("\"tracer_links_enabled\":true")
                        .contains("302 https://github.com/jane")
                        .contains("\"total_clicks\":1,")
                        .contains("\"status\":\"recorded\"")
                        .contains("\"status\":\"ready\"")
                        .contains("X-Tracer-Links-Status: rewritten")
                        .contains("\"human_clicks\":1,\"bot_clicks\":0,\"conversions\":{\"event1\":0,\"event2\":1,\"event3\":1")
                        .contains("\"recorded\":1")
                        .contains("\"salt\":")
                        .endsWith("410\n");
            } finally {
                redirector.stop();
            }
        }
    }

    /**
     * The shell blocks between the walkthrough's heading and the next section, in order. Every fenced block
     * there must be {@code sh}: a block fenced otherwise would be shown to readers and never run here.
     */
    static String walkthrough(String readme) {
        int start = readme.indexOf("## API walkthrough");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("the README has its API walkthrough").isPositive();
        String section = readme.substring(start, end);
        Matcher fences = Pattern.compile("^```(\\S*)\n.*?^```$", Pattern.DOTALL | Pattern.MULTILINE).matcher(section);
        while (fences.find()) {
            assertThat(fences.group(1)).as("the walkthrough's blocks are all run, so all are sh").isEqualTo("sh");
        }
        Matcher blocks = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
        StringBuilder script = new StringBuilder();
        int count = 0;
        while (blocks.find()) {
            script.append(blocks.group(1)).append('\n');
            count++;
        }
        assertThat(count).isGreaterThan(8);
        return script.toString();
    }

    record Result(int exitCode, String stdout, String stderr, String script) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    /** Runs the script in bash in a directory that has the repository's corpus and test resources where the README expects them. */
    private Result run(String walkthrough, String api, String edge, String edgeKey) throws IOException, InterruptedException {
        Path work = Files.createDirectories(directory.resolve("work"));
        Files.createSymbolicLink(work.resolve("corpus"), Path.of("../corpus").toAbsolutePath().normalize());
        Files.createSymbolicLink(work.resolve("tracker-api"), Path.of("../tracker-api").toAbsolutePath().normalize());
        Path curlHome = Files.createDirectories(directory.resolve("curl"));
        // Every request reports its status on stderr; commands with a --write-out of their own replace it.
        Files.writeString(curlHome.resolve(".curlrc"), "write-out = \"%{stderr}HTTP %{http_code} %{method} %{url_effective}\\n\"\n");
        Path script = work.resolve("walkthrough.sh");
        Files.writeString(script, "set -euo pipefail\n" + walkthrough);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(work.toFile());
        builder.environment().put("API", api);
        builder.environment().put("EDGE", edge);
        builder.environment().put("KEY", ADMIN_KEY);
        builder.environment().put("EDGE_KEY", edgeKey);
        builder.environment().put("CURL_HOME", curlHome.toString());
        builder.environment().put("HOME", curlHome.toString());
        Path out = directory.resolve("stdout.txt");
        Path err = directory.resolve("stderr.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                walkthrough);
    }
}
