package dev.tracerlinks.tracker.db;

import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The few things our SQL says only to SQLite, taken out or translated for PostgreSQL in this one place,
 * after Jdbi renders a statement: SQLite's planner hints ({@code INDEXED BY}, and {@code CROSS JOIN},
 * which SQLite reads as "keep this join order" and PostgreSQL does not allow with {@code ON}), and
 * {@code group_concat}. Everything else is written to mean the same on both engines.
 */
final class PostgresDialect implements TemplateEngine {
    private static final Pattern INDEX_HINT = Pattern.compile("\\s+INDEXED BY\\s+\\w+");
    private static final Pattern CROSS_JOIN = Pattern.compile("\\bCROSS JOIN\\b");
    /** {@code group_concat(x, 'sep')}: the only form our SQL uses; PostgreSQL's aggregate takes its order explicitly. */
    private static final Pattern GROUP_CONCAT = Pattern.compile("\\bgroup_concat\\(([^,()]+), ('[^']*')\\)");

    private final TemplateEngine rendering;

    PostgresDialect(TemplateEngine rendering) {
        this.rendering = rendering;
    }

    @Override
    public String render(String template, StatementContext ctx) {
        return translate(rendering.render(template, ctx));
    }

    static String translate(String sql) {
        String translated = INDEX_HINT.matcher(sql).replaceAll("");
        translated = CROSS_JOIN.matcher(translated).replaceAll("JOIN");
        return GROUP_CONCAT.matcher(translated).replaceAll("string_agg(CAST($1 AS TEXT), $2 ORDER BY $1)");
    }
}
