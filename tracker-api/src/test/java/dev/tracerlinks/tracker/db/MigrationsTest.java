package dev.tracerlinks.tracker.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void statements_end_at_line_ends_and_a_trigger_runs_to_its_end_line() {
        assertThat(Migrations.statements("""
                -- a comment line
                CREATE TABLE a (x INTEGER);
                CREATE TRIGGER t AFTER INSERT ON a
                BEGIN
                    INSERT INTO b VALUES (1);
                    INSERT INTO c VALUES (2);
                END;
                CREATE TABLE b (
                    y INTEGER  -- an inline comment
                );
                """)).containsExactly(
                "CREATE TABLE a (x INTEGER);",
                "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n    INSERT INTO b VALUES (1);\n    INSERT INTO c VALUES (2);\nEND;",
                "CREATE TABLE b (\n    y INTEGER  -- an inline comment\n);");
    }

    @Test
    void two_statements_in_one_chunk_are_refused_rather_than_half_run() {
        assertThatThrownBy(() -> Migrations.statements("CREATE TABLE a (x INTEGER); -- trailing comment\nCREATE TABLE b (y INTEGER);\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not end its line");
    }
}
