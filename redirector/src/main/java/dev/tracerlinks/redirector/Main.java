package dev.tracerlinks.redirector;

import io.javalin.Javalin;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the redirector from the environment. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        RedirectorConfig config;
        try {
            config = RedirectorConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("redirector: " + e.getMessage());
            System.exit(2);
            return;
        }
        Javalin app = RedirectorApp.create(config, Clock.systemUTC()).start(config.port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "redirector-shutdown"));
        LOG.info("redirector listening on port {}, resolving through {}, in {} ms",
                app.port(), config.trackerApiUrl(), (System.nanoTime() - started) / 1_000_000);
    }
}
