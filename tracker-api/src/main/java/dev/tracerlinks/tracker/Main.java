package dev.tracerlinks.tracker;

import dev.tracerlinks.model.Json;
import dev.tracerlinks.tracker.db.Database;
import dev.tracerlinks.tracker.keys.ApiKeys;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts tracker-api, or with {@code create-key <scope>...} prints a new API key as JSON and exits
 * (how the first key is made when {@code TRACKER_ADMIN_KEY} is not used).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        TrackerConfig config;
        try {
            config = TrackerConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("tracker-api: " + e.getMessage());
            System.exit(2);
            return;
        }
        Database database = config.database().open();
        if (args.length > 0 && args[0].equals("create-key")) {
            createKey(database, Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length > 0) {
            System.err.println("usage: java -jar tracker-api.jar [create-key <scope>...]");
            System.exit(2);
        }
        Javalin app = TrackerApp.create(config, database, Clock.systemUTC()).start(config.bindAddress(), config.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            database.close();
        }, "tracker-api-shutdown"));
        LOG.info("tracker-api listening on {}:{} (database {}, public base URL {}) in {} ms",
                config.bindAddress(), app.port(), config.database().describe(), config.publicBaseUrl(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void createKey(Database database, java.util.List<String> scopes) throws Exception {
        try (database) {
            var created = new ApiKeys(database.jdbi(), Clock.systemUTC(), Optional.empty())
                    .create(scopes, "created with the create-key command");
            System.out.println(Json.newMapper().writeValueAsString(created));
        } catch (dev.tracerlinks.tracker.http.ApiException e) {
            System.err.println("tracker-api create-key: " + e.getMessage());
            System.exit(2);
        }
    }
}
