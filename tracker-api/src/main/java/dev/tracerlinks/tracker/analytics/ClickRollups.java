package dev.tracerlinks.tracker.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollups of V7__click_rollups.sql and the running click counts of V12, as analytics read them
 * (the click store writes them): cuts a time range into the whole days (or hours) the rollups answer
 * and the partial pieces read from clicks.
 */
public final class ClickRollups {
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;

    private ClickRollups() {
    }
    /**
     * A range [from, to) cut at whole units (days or hours): units {@code [firstUnit, endUnit)} come from
     * the rollups, and the {@code pieces} (epoch-millisecond [start, end) pairs, at most one before and one
     * after) from the clicks themselves. A range with no whole unit is one piece, or two when it crosses a
     * boundary. Each piece lies in one unit, apart from the whole units and the other piece, so daily
     * visitor counts of all parts add up.
     */
    record Split(long firstUnit, long endUnit, List<long[]> pieces) {
        static Split of(Instant from, Instant to, long unit) {
            return of(from.toEpochMilli(), to.toEpochMilli(), unit);
        }

        static Split of(long start, long end, long unit) {
            long firstUnit = Math.floorDiv(start + unit - 1, unit);
            long endUnit = Math.floorDiv(end, unit);
            long boundary = firstUnit * unit;
            if (firstUnit == endUnit && start < boundary && boundary < end) {
                // No whole unit, but a boundary inside: a piece on either side of it.
                return new Split(0, 0, List.of(new long[] {start, boundary}, new long[] {boundary, end}));
            }
            if (firstUnit >= endUnit) {
                return new Split(0, 0, List.of(new long[] {start, end}));
            }
            List<long[]> pieces = new ArrayList<>(2);
            if (start < firstUnit * unit) {
                pieces.add(new long[] {start, firstUnit * unit});
            }
            if (endUnit * unit < end) {
                pieces.add(new long[] {endUnit * unit, end});
            }
            return new Split(firstUnit, endUnit, pieces);
        }

        /** The whole range read from clicks (where no rollup fits, such as one job's hours). */
        static Split clicksOnly(Instant from, Instant to) {
            return new Split(0, 0, List.of(new long[] {from.toEpochMilli(), to.toEpochMilli()}));
        }

        boolean hasUnits() {
            return firstUnit < endUnit;
        }

        /** A condition on {@code c.clicked_at} that holds in the pieces, with {@code :piece<n>from/to} to bind. */
        String piecesCondition() {
            if (pieces.isEmpty()) {
                return "0";
            }
            List<String> terms = new ArrayList<>();
            for (int index = 0; index < pieces.size(); index++) {
                terms.add("(c.clicked_at >= :piece" + index + "from AND c.clicked_at < :piece" + index + "to)");
            }
            return "(" + String.join(" OR ", terms) + ")";
        }

        <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindPieces(T statement) {
            for (int index = 0; index < pieces.size(); index++) {
                statement.bind("piece" + index + "from", pieces.get(index)[0]).bind("piece" + index + "to", pieces.get(index)[1]);
            }
            return statement;
        }
    }

    /** Human and bot clicks, and distinct visitors among the human clicks and among all; parts of other days add up. */
    record Counts(long human, long bot, long humanVisitors, long visitors) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(human + other.human, bot + other.bot, humanVisitors + other.humanVisitors, visitors + other.visitors);
        }

        long clicks(boolean includeBots) {
            return includeBots ? human + bot : human;
        }

        long visitors(boolean includeBots) {
            return includeBots ? visitors : humanVisitors;
        }
    }
}
