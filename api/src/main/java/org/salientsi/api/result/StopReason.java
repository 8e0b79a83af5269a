package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;

/** Why the parametric search stopped. */
public enum StopReason {
    /** The whole search range was explored; the p-value is exact (bounds equal). */
    EXHAUSTIVE,
    /** The bounds on the p-value came within the requested precision. */
    PRECISION,
    /** The bounds fell on one side of alpha, so the decision at alpha is known. */
    DECISION,
    /**
     * The search ran out of the time it was given: the bounds on the p-value are proven by the part of
     * the range walked, but wider than requested (and the result depends on the machine's speed).
     */
    TIME_LIMIT,
    /**
     * A network that is not piecewise linear: the certified search bounded the truncation set by segments
     * certified into and out of it and undecided ones, and the p-value lies within the proven bounds (the
     * verdict uses the upper bound); the bounds reached the requested width, or the undecided segments the
     * width limit.
     */
    CERTIFIED;

    /** @return the JSON name */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a label
     * @return the reason
     */
    @JsonCreator
    public static StopReason parse(String text) {
        for (StopReason r : values()) {
            if (r.label().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new InvalidInputException("unknown stop reason '" + text + "'");
    }
}
