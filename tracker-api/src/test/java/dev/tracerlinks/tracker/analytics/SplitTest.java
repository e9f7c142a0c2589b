package dev.tracerlinks.tracker.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracerlinks.tracker.analytics.ClickRollups.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static final long DAY = ClickRollups.DAY;
    private static final long HOUR = ClickRollups.HOUR;

    private static List<List<Long>> pieces(Split split) {
        return split.pieces().stream().map(piece -> List.of(piece[0], piece[1])).toList();
    }

    @Test
    void whole_days_come_from_the_rollups_and_the_ragged_ends_are_pieces() {
        Split split = Split.of(10 * DAY + 7 * HOUR, 40 * DAY + 5 * HOUR, DAY);
        assertThat(split.hasUnits()).isTrue();
        assertThat(split.firstUnit()).isEqualTo(11);
        assertThat(split.endUnit()).isEqualTo(40);
        assertThat(pieces(split)).containsExactly(List.of(10 * DAY + 7 * HOUR, 11 * DAY), List.of(40 * DAY, 40 * DAY + 5 * HOUR));
    }

    @Test
    void a_range_on_day_boundaries_has_no_pieces() {
        Split split = Split.of(10 * DAY, 12 * DAY, DAY);
        assertThat(split.firstUnit()).isEqualTo(10);
        assertThat(split.endUnit()).isEqualTo(12);
        assertThat(split.pieces()).isEmpty();
    }

    @Test
    void less_than_a_day_across_midnight_is_cut_at_midnight_into_a_tail_and_a_head() {
        Split split = Split.of(10 * DAY + 22 * HOUR, 11 * DAY + 2 * HOUR, DAY);
        assertThat(split.hasUnits()).isFalse();
        assertThat(pieces(split)).containsExactly(List.of(10 * DAY + 22 * HOUR, 11 * DAY), List.of(11 * DAY, 11 * DAY + 2 * HOUR));
    }

    @Test
    void a_range_inside_one_day_or_from_its_midnight_is_one_piece() {
        assertThat(pieces(Split.of(10 * DAY + HOUR, 10 * DAY + 5 * HOUR, DAY))).containsExactly(List.of(10 * DAY + HOUR, 10 * DAY + 5 * HOUR));
        assertThat(pieces(Split.of(10 * DAY, 10 * DAY + 5 * HOUR, DAY))).containsExactly(List.of(10 * DAY, 10 * DAY + 5 * HOUR));
        assertThat(pieces(Split.of(10 * DAY + 5 * HOUR, 11 * DAY, DAY))).containsExactly(List.of(10 * DAY + 5 * HOUR, 11 * DAY));
    }

    @Test
    void a_day_piece_cut_at_hours_leaves_the_minutes_short_of_a_whole_hour() {
        Split hours = Split.of(10 * DAY + 7 * HOUR + 13 * 60_000, 11 * DAY, HOUR);
        assertThat(hours.firstUnit()).isEqualTo(10 * 24 + 8);
        assertThat(hours.endUnit()).isEqualTo(11 * 24);
        assertThat(pieces(hours)).containsExactly(List.of(10 * DAY + 7 * HOUR + 13 * 60_000, 10 * DAY + 8 * HOUR));
    }
}
