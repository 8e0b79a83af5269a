package org.salientsi.core.region;

import org.salientsi.api.error.InvalidOptionException;

/**
 * How a selected region is split into parts that are tested one by one: its connected components under 4- or
 * 8-connectivity, those with fewer than {@code minSize} pixels listed but not tested. Immutable.
 *
 * @param connectivity 4 (edge neighbours) or 8 (edge and corner neighbours)
 * @param minSize the fewest pixels a component needs to be tested, {@code >= 1}
 */
public record ComponentSplit(int connectivity, int minSize) {

    /** The default minimum size: every component is tested. */
    public static final int DEFAULT_MIN_SIZE = 1;

    /** @throws InvalidOptionException naming {@code components} or {@code min-component-size} */
    public ComponentSplit {
        if (connectivity != 4 && connectivity != 8) {
            throw InvalidOptionException.of("components", "must be 4 or 8 (pixel connectivity), got " + connectivity);
        }
        if (minSize < 1) {
            throw InvalidOptionException.of("min-component-size", "must be a number of pixels >= 1, got " + minSize);
        }
    }

    /**
     * Reads the options from their text forms, as the command line and the server receive them.
     *
     * @param connectivity {@code 4} or {@code 8}
     * @param minSize a number of pixels {@code >= 1}, or {@code null}/blank for {@link #DEFAULT_MIN_SIZE}
     * @return the split
     * @throws InvalidOptionException naming the option of a bad value
     */
    public static ComponentSplit parse(String connectivity, String minSize) {
        int c = integer("components", connectivity);
        int s = minSize == null || minSize.isBlank() ? DEFAULT_MIN_SIZE : integer("min-component-size", minSize);
        return new ComponentSplit(c, s);
    }

    /** @return whether diagonal neighbours join a component */
    public boolean diagonal() {
        return connectivity == 8;
    }

    private static int integer(String option, String text) {
        if (text == null || text.isBlank()) {
            throw InvalidOptionException.of(option, "needs a value");
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw InvalidOptionException.of(option, "needs a whole number, got '" + text.trim() + "'");
        }
    }
}
