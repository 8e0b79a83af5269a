package org.salientsi.api.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.salientsi.api.error.InvalidInputException;

/**
 * The alternative hypothesis of a test of \( \eta^\top \mu = 0 \), with {@code F} the CDF of the
 * (truncated) null distribution at the observed {@code T}.
 */
public enum Alternative {
    /** \( 2 \min(F, 1 - F) \), the equal-tailed two-sided p-value. */
    TWO_SIDED("two-sided"),
    /** \( 1 - F \): large {@code T} is evidence. */
    GREATER("greater"),
    /** \( F \): small {@code T} is evidence. */
    LESS("less"),
    /**
     * \( P(|Z| \ge |T|) \) under the truncated null, the symmetric form the paper's code reports; it
     * differs from {@link #TWO_SIDED} whenever the truncation set is not symmetric about 0.
     */
    ABS("abs");

    private final String label;

    Alternative(String label) {
        this.label = label;
    }

    /** @return the name used on the command line and in JSON */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * @param text a label, case-insensitive
     * @return the alternative
     * @throws InvalidInputException if unknown; the message lists the known labels
     */
    @JsonCreator
    public static Alternative parse(String text) {
        for (Alternative a : values()) {
            if (a.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return a;
            }
        }
        throw new InvalidInputException("unknown alternative '" + text + "'; known: "
                + Arrays.stream(values()).map(Alternative::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
