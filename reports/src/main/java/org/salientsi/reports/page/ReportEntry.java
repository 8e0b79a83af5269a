package org.salientsi.reports.page;

import org.salientsi.api.image.Image;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;

/**
 * One tested image as a report shows it: the image, its saliency map and its result, or the error
 * that stopped its test.
 *
 * @param label the image's name (its file name)
 * @param image the image, or {@code null} if it could not be read
 * @param map its saliency map, or {@code null}
 * @param result the test's result, or {@code null} for a failed image
 * @param error what went wrong, or {@code null} for a tested image
 * @param bhP the Benjamini-Hochberg adjusted p-value across a batch, or {@code null} (a single test, or
 *     before the batch is adjusted)
 */
public record ReportEntry(String label, Image image, SaliencyMap map, SelectiveResult result, String error,
                          Double bhP) {

    /** Checks that the entry is either a result or an error. */
    public ReportEntry {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a report entry holds either a result or an error");
        }
    }

    /**
     * @param image the image
     * @param map its saliency map, or {@code null}
     * @param result its result
     * @return the entry, labelled with the result's image name (else the image's)
     */
    public static ReportEntry tested(Image image, SaliencyMap map, SelectiveResult result) {
        String label = result.image() != null ? result.image() : image.name();
        return new ReportEntry(label, image, map, result, null, null);
    }

    /**
     * @param adjusted the Benjamini-Hochberg adjusted p-value across the batch
     * @return a copy carrying it
     */
    public ReportEntry withBhP(double adjusted) {
        return new ReportEntry(label, image, map, result, error, adjusted);
    }

    /**
     * @param label the image's name
     * @param image the image if it was read, else {@code null}
     * @param error the one-line error
     * @return the entry
     */
    public static ReportEntry failed(String label, Image image, String error) {
        return new ReportEntry(label, image, null, null, error, null);
    }

    /** @return whether the image was tested */
    public boolean ok() {
        return result != null;
    }
}
