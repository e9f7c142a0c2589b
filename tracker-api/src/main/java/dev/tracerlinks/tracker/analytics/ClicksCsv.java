package dev.tracerlinks.tracker.analytics;

import dev.tracerlinks.tracker.db.Engine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/analytics/clicks.csv}: one row per click, anonymised fields only, written as the
 * rows come from the database so that a large export never sits in memory.
 *
 * <p>The stored visitor hash never leaves: next to the /24 prefix and the user agent, anyone who once
 * held that day's salt could try the 256 addresses of the prefix and recover the one that matches.
 * The {@code visitor} column is a pseudonym instead, a keyed hash of the stored hash under a key made
 * for this export and then forgotten: it tells the visitors of one export apart just as well, and
 * matches nothing else, not even another export of the same clicks.
 */
final class ClicksCsv {
    static final String HEADER = "click_id,clicked_at,tracking_id,job_id,link_function,method,is_bot,bot_reason,"
            + "ip_prefix,visitor,user_agent,referrer_host,click_source,metadata,conversions\n";
    private static final int FETCH_SIZE = 1000;

    private final Jdbi jdbi;
    private final Engine engine;

    ClicksCsv(Jdbi jdbi, Engine engine) {
        this.jdbi = jdbi;
        this.engine = engine;
    }

    void write(AnalyticsParams params, OutputStream out) {
        String sql = "SELECT c.click_id, c.clicked_at, c.tracking_id, l.job_id, l.link_function, c.method, c.is_bot, c.bot_reason,"
                + " c.ip_prefix, c.visitor_hash, c.user_agent, c.referrer_host, c.click_source, c.metadata,"
                + " (SELECT group_concat(cv.event, ' ') FROM (SELECT event FROM conversions WHERE click_id = c.click_id ORDER BY event) cv)"
                + " AS conversions"
                + " FROM link_clicks c JOIN link_tracking l ON l.tracking_id = c.tracking_id"
                + " WHERE c.clicked_at >= :from AND c.clicked_at < :to"
                + (params.includeBots() ? "" : " AND c.is_bot = 0")
                + (params.jobId() == null ? "" : " AND l.job_id = :jobId")
                + " ORDER BY c.clicked_at, c.click_id";
        VisitorPseudonyms pseudonyms = new VisitorPseudonyms();
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(HEADER);
            jdbi.useHandle(handle -> {
                // One snapshot for the whole export. PostgreSQL's driver streams rows (the fetch size) only with autocommit
                // off, and would otherwise read every row into memory first; SQLite's deferred transaction takes no lock.
                if (engine == Engine.POSTGRESQL) {
                    handle.useTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ,
                            inside -> export(inside, sql, params, pseudonyms, writer));
                    return;
                }
                handle.execute("BEGIN DEFERRED");
                try {
                    export(handle, sql, params, pseudonyms, writer);
                } finally {
                    handle.execute("COMMIT");
                }
            });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void export(org.jdbi.v3.core.Handle handle, String sql, AnalyticsParams params, VisitorPseudonyms pseudonyms,
            Writer writer) {
        var query = handle.createQuery(sql).setFetchSize(FETCH_SIZE).bind("from", params.from()).bind("to", params.to());
        if (params.jobId() != null) {
            query.bind("jobId", params.jobId());
        }
        query.map((rs, ctx) -> {
            StringBuilder line = new StringBuilder(256);
            for (int column = 1; column <= 15; column++) {
                if (column > 1) {
                    line.append(',');
                }
                String value = column == 2 ? Instant.ofEpochMilli(rs.getLong(column)).toString()
                        : column == 7 ? String.valueOf(rs.getBoolean(column))
                        : column == 10 ? pseudonyms.of(rs.getString(column)) : rs.getString(column);
                line.append(field(value, column == 5 || column >= 8 && column <= 14));
            }
            return line.append('\n').toString();
        }).useStream(lines -> lines.forEach(line -> {
            try {
                writer.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /**
     * RFC 4180 quoting, and for free text (user agents, referrers, metadata: written by strangers) a
     * leading {@code ' } where a spreadsheet would run the value as a formula; ids and times stay exact.
     */
    static String field(String value, boolean freeText) {
        if (value == null) {
            return "";
        }
        String safe = freeText && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
