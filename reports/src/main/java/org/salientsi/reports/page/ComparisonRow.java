package org.salientsi.reports.page;

import org.salientsi.api.error.InvalidValueException;

/**
 * One method and selector of a comparison on one image: its test (or its error) and its Holm-adjusted p-value
 * across the comparison's rows.
 *
 * @param method the saliency method's name
 * @param selector the selector's specification
 * @param entry the image, its map and its result, or its error
 * @param holmP the Holm-adjusted selective p-value across the rows with a p-value, or {@code null} (none)
 */
public record ComparisonRow(String method, String selector, ReportEntry entry, Double holmP) {

    /** Checks that the row names its method and selector and holds an entry. */
    public ComparisonRow {
        if (method == null || selector == null || entry == null) {
            throw new InvalidValueException("a comparison row needs a method, a selector and an entry");
        }
        if (holmP != null && !(holmP >= 0 && holmP <= 1)) {
            throw InvalidValueException.of("holm_p must be a probability in [0, 1], got %s", holmP);
        }
    }
}
