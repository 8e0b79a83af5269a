package org.salientsi.core.search;

import java.io.Serializable;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.interval.IntervalSet;

/**
 * What walking one or more {@link SearchSegment segments} found: the part of the truncation set in them,
 * the pieces walked, and the sub-segments certified out of and into the set without walking them.
 * {@link #merge} is associative and commutative, with {@link #EMPTY} as identity, so that results of
 * segments walked on several threads or machines combine in any grouping into the search's result.
 *
 * @param found the part of the truncation set found (original z)
 * @param pieces linear pieces walked, {@code >= 0}
 * @param excluded segments certified out of the truncation set, {@code >= 0}
 * @param included segments certified into it, {@code >= 0}
 */
public record SegmentResult(IntervalSet found, long pieces, long excluded, long included) implements Serializable {

    /** The result of no segment. */
    public static final SegmentResult EMPTY = new SegmentResult(IntervalSet.empty(), 0, 0, 0);

    /** Validates the counts. */
    public SegmentResult {
        Objects.requireNonNull(found, "found");
        if (pieces < 0 || excluded < 0 || included < 0) {
            throw InvalidValueException.of("segment counts must be >= 0, got %d pieces, %d out, %d in", pieces,
                    excluded, included);
        }
    }

    /**
     * @param other another result
     * @return the result of both: the union of the sets and the sums of the counts
     */
    public SegmentResult merge(SegmentResult other) {
        return new SegmentResult(found.union(other.found), pieces + other.pieces, excluded + other.excluded,
                included + other.included);
    }
}
