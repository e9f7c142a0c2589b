package dev.tracerlinks.tracker.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/V<n>__<name>.sql} on the class path, applied in order, each
 * in its own transaction, recorded in {@code schema_version}. A file, once released, never changes.
 */
final class Migrations {
    /** In order; append new files here. Listed in code because a shaded jar cannot list its resources. */
    static final List<String> FILES = List.of(
            "V1__initial_schema.sql",
            "V2__link_changes_and_edge_signals.sql",
            "V3__salts_out_of_the_database.sql",
            "V4__bot_classification.sql",
            "V5__analytics_indexes.sql",
            "V6__sources_and_conversions.sql",
            "V7__click_rollups.sql",
            "V8__covering_time_index.sql",
            "V9__human_visitor_probes.sql",
            "V10__rollup_guards.sql",
            "V11__hourly_first_and_last_visitors.sql",
            "V12__running_click_counts_per_link.sql");
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final Jdbi jdbi;

    Migrations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void migrate() {
        jdbi.useHandle(handle -> handle.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
        for (int index = 0; index < FILES.size(); index++) {
            int version = index + 1;
            String file = FILES.get(index);
            jdbi.useTransaction(handle -> {
                boolean applied = handle.createQuery("SELECT count(*) FROM schema_version WHERE version = :version")
                        .bind("version", version).mapTo(Integer.class).one() > 0;
                if (applied) {
                    return;
                }
                for (String statement : statements(read(file))) {
                    handle.execute(statement);
                }
                handle.createUpdate("INSERT INTO schema_version (version, name, applied_at) VALUES (:version, :name, :now)")
                        .bind("version", version).bind("name", file).bind("now", System.currentTimeMillis()).execute();
                LOG.info("Applied migration {}", file);
            });
        }
    }

    /**
     * Statements end with a semicolon at the end of a line, except inside a CREATE TRIGGER, which runs to
     * its {@code END;} line. Whole-line comments are dropped.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script.lines().toList()) {
            String code = line.strip();
            if (code.isEmpty() || code.startsWith("--")) {
                continue;
            }
            statement.append(line).append('\n');
            boolean inTrigger = statement.toString().stripLeading().toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER");
            if (code.endsWith(";") && (!inTrigger || code.equalsIgnoreCase("END;"))) {
                String text = statement.toString().strip();
                // The driver would run only the first of two statements in one chunk, and say nothing.
                if (!inTrigger && text.indexOf(';') < text.length() - 1) {
                    throw new IllegalStateException("A migration has a statement that does not end its line: " + text);
                }
                statements.add(text);
                statement.setLength(0);
            }
        }
        if (!statement.toString().isBlank()) {
            statements.add(statement.toString().strip());
        }
        return statements;
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration db/" + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
