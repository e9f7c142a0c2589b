package dev.tracerlinks.redirector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./start.sh}, run as a user runs it: on the jars this build just
 * made (the integration-test phase comes after package), in a copy of the repository's layout whose
 * {@code ./mvnw} does nothing, so the script's own build step is not a second Maven inside this one.
 * Then what it prints is followed: the example is pasted into bash and must work; Ctrl-C must stop
 * both services and say so; a second run keeps the first run's logs; a failed build leaves them alone.
 */
class StartScriptIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path work;
    Process script;

    @AfterEach
    void stop() {
        if (script != null && script.isAlive()) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    @Test
    void start_sh_starts_both_services_its_example_works_and_ctrl_c_stops_them() throws Exception {
        layout(true);
        int trackerPort = freePort();
        int edgePort = freePort();

        Path firstOutput = work.resolve("first.txt");
        script = start(trackerPort, edgePort, firstOutput);
        String printed = waitFor(firstOutput, "Press Ctrl-C");
        assertThat(printed).contains("Tracer Links is running").contains("http://localhost:" + edgePort);

        // The services' command lines: bounded heaps, as the README says.
        assertThat(commandLine("tracker-api.jar")).contains("-Xmx768m");
        assertThat(commandLine("redirector.jar")).contains("-Xmx256m");
        // tracker-api is internal: loopback only.
        assertThat(connects("127.0.0.1", trackerPort)).isTrue();
        assertThat(connects("127.0.0.2", trackerPort)).isFalse();

        String example = printed.substring(printed.indexOf("Try it (paste into another terminal):") + 38, printed.indexOf("Press Ctrl-C"));
        Process pasted = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + example).directory(work.toFile())
                .redirectErrorStream(true).start();
        assertThat(pasted.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String answered = new String(pasted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pasted.exitValue()).as(answered).isZero();
        assertThat(answered.toLowerCase(java.util.Locale.ROOT)).contains("location: https://github.com/jane");
        assertThat(answered).contains("HTTP/1.1 302").contains("\"total_clicks\":1").contains("\"tracer_links_enabled\":true")
                .contains("X-Tracer-Links-Status: rewritten");
        assertThat(Files.readAllBytes(Path.of("/tmp/resume-traced.pdf"))).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));

        String stopped = interrupt(firstOutput);
        assertThat(stopped).contains("Stopping...").contains("Stopped.");
        assertThat(script.exitValue()).isZero();
        assertThat(connects("127.0.0.1", trackerPort)).isFalse();
        assertThat(connects("127.0.0.1", edgePort)).isFalse();
        String firstKey = Files.readString(work.resolve("data/redirector.key"));

        // A second run: the first run's logs move to *.log.1, the redirector key is kept.
        Path secondOutput = work.resolve("second.txt");
        script = start(trackerPort, edgePort, secondOutput);
        waitFor(secondOutput, "Press Ctrl-C");
        interrupt(secondOutput);
        assertThat(work.resolve("data/logs/tracker-api.log.1")).exists();
        assertThat(work.resolve("data/logs/redirector.log.1")).exists();
        assertThat(Files.readString(work.resolve("data/logs/tracker-api.log.1"))).contains("listening on 127.0.0.1:" + trackerPort);
        assertThat(Files.readString(work.resolve("data/redirector.key"))).isEqualTo(firstKey);

        // A build that fails: the script stops before starting anything, and the logs stay where they were.
        layout(false);
        Path thirdOutput = work.resolve("third.txt");
        script = start(trackerPort, edgePort, thirdOutput);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).isNotZero();
        assertThat(work.resolve("data/logs/tracker-api.log.2")).doesNotExist();
        assertThat(work.resolve("data/logs/tracker-api.log.1")).exists();
    }

    /** The repository's layout as start.sh sees it, with the jars of this build and a ./mvnw that succeeds or fails. */
    private void layout(boolean buildSucceeds) throws IOException {
        Files.copy(REPOSITORY.resolve("start.sh"), work.resolve("start.sh"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path mvnw = work.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\n# stands in for the build, which has just run\nexit " + (buildSucceeds ? 0 : 1) + "\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String jar : new String[] {"tracker-api/target/tracker-api.jar", "redirector/target/redirector.jar"}) {
            Path link = work.resolve(jar);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(link.getParent());
                assertThat(REPOSITORY.resolve(jar)).as("the build made " + jar).exists();
                Files.createSymbolicLink(link, REPOSITORY.resolve(jar));
            }
        }
        if (!Files.exists(work.resolve("corpus"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(work.resolve("corpus"), REPOSITORY.resolve("corpus"));
        }
    }

    private Process start(int trackerPort, int edgePort, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "start.sh").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TRACKER_PORT", String.valueOf(trackerPort));
        builder.environment().put("REDIRECTOR_PORT", String.valueOf(edgePort));
        builder.environment().remove("TRACKER_ADMIN_KEY");
        builder.environment().remove("TRACKER_DB");
        return builder.start();
    }

    private String waitFor(Path output, String text) throws Exception {
        Instant until = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(until)) {
            String printed = Files.readString(output);
            if (printed.contains(text)) {
                return printed;
            }
            assertThat(script.isAlive()).as("start.sh is still running; it printed:\n" + printed + logs()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("start.sh did not print \"" + text + "\" within " + STARTUP + ":\n" + Files.readString(output) + logs());
    }

    /** Ctrl-C as a terminal sends it: SIGINT to the script, whose services run in process groups of their own. */
    private String interrupt(Path output) throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(script.pid())).start().waitFor();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("start.sh stopped after Ctrl-C").isTrue();
        return Files.readString(output);
    }

    private String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : new String[] {"tracker-api.log", "redirector.log"}) {
            Path log = work.resolve("data/logs/" + name);
            if (Files.exists(log)) {
                logs.append("\n--- ").append(name).append(":\n").append(Files.readString(log));
            }
        }
        return logs.toString();
    }

    /** The command line of this test's java process running the given jar (found by its working directory). */
    private String commandLine(String jar) throws IOException {
        for (ProcessHandle process : script.descendants().toList()) {
            Optional<String[]> arguments = process.info().arguments();
            Optional<String> command = process.info().command();
            if (command.isPresent() && command.get().endsWith("java") && arguments.isPresent()
                    && String.join(" ", arguments.get()).contains(jar)) {
                return String.join(" ", arguments.get());
            }
        }
        throw new AssertionError("no java process runs " + jar + " under start.sh: "
                + script.descendants().map(p -> p.info().commandLine().orElse("?")).toList());
    }

    private static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
