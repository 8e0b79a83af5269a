package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.salientsi.api.error.InvalidValueException;

/**
 * Bounds {@code [lower, upper]} on a p-value that a search proved (equal ends when it was exhaustive).
 * Written in JSON as the array {@code [lower, upper]}.
 *
 * @param lower the lower bound, in [0, 1]
 * @param upper the upper bound, in [lower, 1]
 */
public record ProbabilityBounds(double lower, double upper) {

    /** @throws InvalidValueException if an end is not a probability or the ends are out of order */
    public ProbabilityBounds {
        if (!(lower >= 0 && lower <= 1) || !(upper >= 0 && upper <= 1)) {
            throw InvalidValueException.of("p_bounds must be probabilities, got [%s, %s]", lower, upper);
        }
        if (lower > upper) {
            throw InvalidValueException.of("p_bounds out of order: [%s, %s]", lower, upper);
        }
    }

    /**
     * @param ends {@code [lower, upper]}
     * @return the bounds
     * @throws InvalidValueException unless there are two valid ends
     */
    @JsonCreator
    public static ProbabilityBounds of(double[] ends) {
        if (ends == null || ends.length != 2) {
            throw new InvalidValueException("p_bounds needs two values");
        }
        return new ProbabilityBounds(ends[0], ends[1]);
    }

    /** @return {@code [lower, upper]} (a new array) */
    @JsonValue
    public double[] toArray() {
        return new double[] {lower, upper};
    }

    /** @return whether the ends are equal (the p-value is known exactly) */
    public boolean exact() {
        return lower == upper;
    }
}
