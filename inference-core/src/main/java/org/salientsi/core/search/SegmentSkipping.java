package org.salientsi.core.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.salientsi.api.error.InvalidInputException;

/**
 * When a search may certify whole segments of the test line out of the truncation set (bounds of the
 * network over the segment show that no point of it selects the observed region) or into it (every point
 * selects exactly the observed region and the method's choices hold) without walking their pieces; used
 * only when the network, the saliency method and the selector can bound segments, as CAM with a
 * threshold, top-k or percentile selector can. Certified segments are wholly outside or inside the
 * truncation set, so the set and the p-value are the same either way; only the pieces walked, and the
 * time, differ.
 */
public enum SegmentSkipping {
    /** Walk every piece. */
    NEVER,
    /** Skip in early-stopping searches ({@code decision}, {@code precision}); walk every piece otherwise. */
    EARLY_STOPS,
    /** Skip in every search, exhaustive ones included. */
    ALWAYS;

    /** @return the name used on the command line: {@code never}, {@code early-stops} or {@code always} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param text a {@link #label()}
     * @return the value
     * @throws InvalidInputException on any other text
     */
    public static SegmentSkipping parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (SegmentSkipping s : values()) {
            if (s.label().equals(t)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown skipping '" + text + "'; known: "
                + Arrays.stream(values()).map(SegmentSkipping::label).collect(Collectors.joining(", ")));
    }
}
