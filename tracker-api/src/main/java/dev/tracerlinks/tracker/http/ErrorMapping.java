package dev.tracerlinks.tracker.http;

import dev.tracerlinks.model.ErrorBody;
import dev.tracerlinks.tracker.pdf.PdfRejectedException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The one place exceptions become DESIGN.md's JSON error body. */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private final Clock clock;

    public ErrorMapping(Clock clock) {
        this.clock = clock;
    }

    public void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 503) {
                ctx.header("Retry-After", "5");
            }
            write(ctx, e.status(), e.getMessage(), e.context());
        });
        config.routes.exception(PdfRejectedException.class, (e, ctx) -> {
            if (e.status() == 503) {
                ctx.header("Retry-After", "30");
            }
            if (e.status() == 499) {
                LOG.info("PDF rewrite stopped: the client left ({} {})", ctx.method(), ctx.path());
            }
            write(ctx, e.status(), e.getMessage(), Map.of());
        });
        // Javalin's own: unknown endpoint (404), body over the size limit (413), and the like.
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), sentence(e), Map.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (isDatabaseBusy(e)) {
                // Another connection held the write lock past the busy timeout (a long re-classification step, a backup):
                // the request was fine and will succeed later. The stack shows where, should a path ever lock itself out.
                LOG.warn("Database busy ({} {})", ctx.method(), ctx.path(), e);
                ctx.header("Retry-After", "5");
                write(ctx, 503, "The database is busy with a long write; try again in a few seconds.", Map.of());
                return;
            }
            String reference = UUID.randomUUID().toString();
            LOG.error("Unexpected error, reference {} ({} {})", reference, ctx.method(), ctx.path(), e);
            write(ctx, 500, "Internal server error; the server log has the details under this reference.",
                    Map.of("reference", reference));
        });
    }

    /**
     * True when the database gave up waiting for a lock somewhere in the causes: SQLite's SQLITE_BUSY (and its
     * extended codes); PostgreSQL's lock timeout (55P03), deadlock (40P01) or serialization failure (40001),
     * each of which a retry of the same request resolves.
     */
    public static boolean isDatabaseBusy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && java.util.Set.of("55P03", "40P01", "40001").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void write(Context ctx, int status, String sentence, Map<String, ?> context) {
        ctx.status(status).json(ErrorBody.of(sentence, context, clock.instant()));
    }

    private static String sentence(HttpResponseException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "Request failed" : e.getMessage();
        return message.endsWith(".") ? message : message + ".";
    }
}
