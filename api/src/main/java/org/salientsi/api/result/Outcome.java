package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;

/**
 * What a test of one image came to (the JSON field {@code outcome}): a p-value, or nothing to test. Nothing
 * to test is an outcome, not an error: the result then carries the saliency map that explains it and no
 * p-value.
 */
public enum Outcome {
    /** The selected region was tested: the result has its p-values. */
    TESTED,
    /** The selector selected no pixel: no hypothesis, no p-value. */
    NO_REGION,
    /**
     * The region leaves no background for the statistic to compare it with (for {@code contrast}: every pixel
     * was selected): no p-value.
     */
    FULL_REGION;

    /** @return the JSON name: {@code tested}, {@code no_region} or {@code full_region} */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a label
     * @return the outcome
     * @throws InvalidInputException for an unknown label
     */
    @JsonCreator
    public static Outcome parse(String text) {
        for (Outcome o : values()) {
            if (o.label().equalsIgnoreCase(text)) {
                return o;
            }
        }
        throw new InvalidInputException("unknown outcome '" + text + "' (tested, no_region or full_region)");
    }
}
