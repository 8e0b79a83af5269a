package org.salientsi.core.search;

import java.io.Serializable;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.interval.IntervalSet;

/**
 * What walking one or more {@link SearchSegment segments} found: the part of the truncation set in them,
 * the pieces walked, the sub-segments certified out of and into the set without walking them, and, from
 * a segment that starts at T, the piece that holds T on its side (the over-conditioned interval's end).
 * {@link #merge} is associative and commutative, with {@link #EMPTY} as identity, so that results of
 * segments walked on several threads or machines combine in any grouping into the search's result.
 *
 * @param found the part of the truncation set found (original z)
 * @param pieces linear pieces walked, {@code >= 0}
 * @param excluded segments certified out of the truncation set, {@code >= 0}
 * @param included segments certified into it, {@code >= 0}
 * @param tried segments whose certification was tried (certified either way or not), {@code >= 0}
 * @param leftStart the piece that holds T walked leftward, or {@code null} when no segment of this result
 *     starts at T on the left (or it walked no piece)
 * @param rightStart the same rightward
 */
public record SegmentResult(IntervalSet found, long pieces, long excluded, long included, long tried,
                            Start leftStart, Start rightStart) implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The result of no segment. */
    public static final SegmentResult EMPTY = new SegmentResult(IntervalSet.empty(), 0, 0, 0);

    /** Validates the counts. */
    public SegmentResult {
        Objects.requireNonNull(found, "found");
        if (pieces < 0 || excluded < 0 || included < 0 || tried < 0) {
            throw InvalidValueException.of("segment counts must be >= 0, got %d pieces, %d out, %d in, %d tried",
                    pieces, excluded, included, tried);
        }
    }

    /**
     * A result that holds no piece at T and no count of tries.
     *
     * @param found the part of the truncation set found (original z)
     * @param pieces linear pieces walked
     * @param excluded segments certified out of the truncation set
     * @param included segments certified into it
     */
    public SegmentResult(IntervalSet found, long pieces, long excluded, long included) {
        this(found, pieces, excluded, included, 0, null, null);
    }

    /**
     * @param other another result
     * @return the result of both: the union of the sets, the sums of the counts, the pieces at T of either
     * @throws InvalidValueException if both hold the piece at T on one side (a segment merged twice)
     */
    public SegmentResult merge(SegmentResult other) {
        return new SegmentResult(found.union(other.found), pieces + other.pieces, excluded + other.excluded,
                included + other.included, tried + other.tried, either(leftStart, other.leftStart, "left"),
                either(rightStart, other.rightStart, "right"));
    }

    private static Start either(Start a, Start b, String side) {
        if (a != null && b != null) {
            throw InvalidValueException.of("two results hold the piece at T on the %s: a segment was merged twice",
                    side);
        }
        return a != null ? a : b;
    }

    /**
     * The piece of the test line that holds T, as the walk on one side found it: the first piece of the
     * segment that starts at T.
     *
     * @param end the piece's far end on that side (original z), not clipped to the segment
     * @param matched whether the selection on the piece is the observed one
     */
    public record Start(double end, boolean matched) implements Serializable {

        private static final long serialVersionUID = 1L;

        /** @throws InvalidValueException if the end is NaN */
        public Start {
            if (Double.isNaN(end)) {
                throw InvalidValueException.of("the end of the piece at T must be a number, got %s", end);
            }
        }
    }
}
