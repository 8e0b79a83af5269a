package org.salientsi.core.search;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Cuts a stretch of one side into segments of equal length in z, in order from {@code from} outward;
     * adjacent segments share their ends exactly, and the last ends at {@code to}.
     *
     * @param left whether the stretch lies below {@code from}
     * @param from the end nearer to T
     * @param to the far end
     * @param count segments, {@code >= 1}
     * @return the segments (fewer when the stretch is too short to cut into distinct doubles)
     * @throws InvalidValueException for a stretch that does not go the way {@code left} says, or a count
     *     below 1
     */
    public static List<SearchSegment> split(boolean left, double from, double to, int count) {
        if (count < 1) {
            throw InvalidValueException.of("a stretch needs >= 1 segment, got %d", count);
        }
        new SearchSegment(left, from, to);
        List<SearchSegment> out = new ArrayList<>(count);
        double start = from;
        for (int i = 1; i <= count; i++) {
            double end = i == count ? to : from + (to - from) * i / count;
            if (left ? end < start : end > start) {
                out.add(new SearchSegment(left, start, end));
                start = end;
            }
        }
        return out;
    }

    /** @return the segment's length in z */
    public double length() {
        return Math.abs(to - from);
    }
}
