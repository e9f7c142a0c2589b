package dev.tracerlinks.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.jdbi.v3.core.transaction.TransactionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Exceptions a handler lets through, as the client sees them over HTTP. */
class ErrorMappingTest {
    private final Javalin app = Javalin.create(config -> {
        new ErrorMapping(Clock.systemUTC()).install(config);
        // As Jdbi reports a write lock held past the busy timeout.
        config.routes.get("/busy", ctx -> {
            throw new TransactionException("Failed to start transaction",
                    new SQLiteException("[SQLITE_BUSY] The database file is locked (database is locked)", SQLiteErrorCode.SQLITE_BUSY));
        });
        config.routes.get("/busy-snapshot", ctx -> {
            throw new IllegalStateException("wrapped", new SQLiteException("[SQLITE_BUSY_SNAPSHOT]", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT));
        });
        config.routes.get("/constraint", ctx -> {
            throw new TransactionException("failed", new SQLiteException("[SQLITE_CONSTRAINT]", SQLiteErrorCode.SQLITE_CONSTRAINT));
        });
        // PostgreSQL: lock_timeout, deadlock, serialization failure; a unique violation is no lock.
        config.routes.get("/pg/{state}", ctx -> {
            throw new TransactionException("failed", new java.sql.SQLException("ERROR", ctx.pathParam("state")));
        });
        config.routes.get("/broken", ctx -> {
            throw new IllegalStateException("a bug");
        });
    }).start("127.0.0.1", 0);

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_database_busy_past_the_timeout_is_a_503_to_retry_not_an_internal_error() throws Exception {
        HttpResponse<String> busy = get("/busy");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(busy.body()).contains("The database is busy with a long write; try again in a few seconds.").doesNotContain("SQLITE");

        // Extended busy codes too, however deep the cause; any other SQLite error stays a 500.
        assertThat(get("/busy-snapshot").statusCode()).isEqualTo(503);
        assertThat(get("/constraint").statusCode()).isEqualTo(500);
        for (String state : java.util.List.of("55P03", "40P01", "40001")) {
            assertThat(get("/pg/" + state).statusCode()).as(state).isEqualTo(503);
        }
        assertThat(get("/pg/23505").statusCode()).isEqualTo(500);
        HttpResponse<String> broken = get("/broken");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("\"reference\"").doesNotContain("a bug");
    }
}
