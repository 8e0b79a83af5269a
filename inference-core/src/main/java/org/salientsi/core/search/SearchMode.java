package org.salientsi.core.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.salientsi.api.error.InvalidInputException;

/**
 * How a selective test finds the truncation set on the test line: by the exact walk over the linear pieces
 * of a piecewise-linear network ({@link #EXACT}), by certifying segments of the line into or out of it and
 * bounding the p-value from both sides ({@link #CERTIFIED}, {@link CertifiedSearch}), or by the first when the
 * network and the method are piecewise linear and the second otherwise ({@link #AUTO}, the default).
 */
public enum SearchMode {
    /** The exact walk when the method and the network's nodes it reads are piecewise linear, else certified. */
    AUTO,
    /** The exact walk over linear pieces (exact p-value); refused unless network and method are piecewise linear. */
    EXACT,
    /** Certified p-value bounds from segments certified into or out of the truncation set. */
    CERTIFIED;

    /** @return the name used on the command line and in JSON: {@code auto}, {@code exact} or {@code certified} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a {@link #label()}
     * @return the mode
     * @throws InvalidInputException on any other text
     */
    public static SearchMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (SearchMode m : values()) {
            if (m.label().equals(t)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown search '" + text + "'; known: "
                + Arrays.stream(values()).map(SearchMode::label).collect(Collectors.joining(", ")));
    }
}
