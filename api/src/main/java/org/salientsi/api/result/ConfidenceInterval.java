package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.salientsi.api.error.InvalidValueException;

/**
 * A selective confidence interval {@code [lower, upper]} for \( \eta^\top \mu \), in the units of the
 * statistic; an end the data cannot bound (or an early stop) is {@code null}. Written in JSON as the array
 * {@code [lower, upper]} with {@code null} ends.
 *
 * @param lower the lower end, finite, or {@code null} for unbounded
 * @param upper the upper end, finite, or {@code null} for unbounded
 */
public record ConfidenceInterval(Double lower, Double upper) {

    /** No interval: both ends unbounded. */
    public static final ConfidenceInterval UNBOUNDED = new ConfidenceInterval(null, null);

    /** @throws InvalidValueException if an end is not finite */
    public ConfidenceInterval {
        for (Double end : new Double[] {lower, upper}) {
            if (end != null && !Double.isFinite(end)) {
                throw InvalidValueException.of("ci must be finite, got %s", end);
            }
        }
    }

    /**
     * @param ends {@code [lower, upper]}, {@code null} for an unbounded end
     * @return the interval
     * @throws InvalidValueException unless there are two ends
     */
    @JsonCreator
    public static ConfidenceInterval of(Double[] ends) {
        if (ends == null || ends.length != 2) {
            throw new InvalidValueException("ci needs two ends (null for unbounded)");
        }
        return new ConfidenceInterval(ends[0], ends[1]);
    }

    /**
     * @param index 0 for the lower end, 1 for the upper
     * @return that end, or {@code null} when unbounded
     */
    public Double end(int index) {
        return switch (index) {
            case 0 -> lower;
            case 1 -> upper;
            default -> throw new IndexOutOfBoundsException("an interval has ends 0 and 1, not " + index);
        };
    }

    /** @return {@code [lower, upper]} (a new array) */
    @JsonValue
    public Double[] toArray() {
        return new Double[] {lower, upper};
    }
}
