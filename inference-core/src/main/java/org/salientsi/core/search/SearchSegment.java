package org.salientsi.core.search;

import java.io.Serializable;
import org.salientsi.api.error.InvalidValueException;

/**
 * One unit of work of a search: a stretch of the test line that one walker covers, from the end nearer
 * to T outward. Its pieces and certificates depend only on the data, the test's options and these
 * ends, never on which thread or machine walks it, so segments may be walked in any order and their
 * {@link SegmentResult results} merged.
 *
 * @param left whether the segment lies below T (walked leftward)
 * @param from the end nearer to T (z, original coordinates)
 * @param to the end farther from T (z); {@code to > from} on the right, {@code to < from} on the left
 */
public record SearchSegment(boolean left, double from, double to) implements Serializable {

    /** Validates the ends. */
    public SearchSegment {
        if (Double.isNaN(from) || Double.isNaN(to) || (left ? !(to < from) : !(to > from))) {
            throw InvalidValueException.of("a %s segment needs its far end %s of %s, got %s", left ? "left" : "right",
                    left ? "below" : "above", from, to);
        }
    }

    /** @return the segment's length in z */
    public double length() {
        return Math.abs(to - from);
    }
}
