package org.salientsi.reports.page;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;

/**
 * One tested image as a report shows it: the image, its reference, its saliency map and its result, or the error
 * that stopped its test.
 *
 * @param label the image's name (its file name)
 * @param image the image, or {@code null} if it could not be read
 * @param map its saliency map, or {@code null}
 * @param result the test's result, or {@code null} for a failed image
 * @param error what went wrong, or {@code null} for a tested image
 * @param bhP the Benjamini-Hochberg adjusted p-value across a batch, or {@code null} (a single test, before the
 *     batch is adjusted, or a result without a p-value)
 * @param reference the reference the image was tested against (the mean of several), or {@code null} (none, or
 *     not shown)
 */
public record ReportEntry(String label, Image image, SaliencyMap map, SelectiveResult result, String error,
                          Double bhP, Image reference) {

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
        return new ReportEntry(label, image, map, result, null, null, null);
    }

    /**
     * @param adjusted the Benjamini-Hochberg adjusted p-value across the batch
     * @return a copy carrying it
     */
    public ReportEntry withBhP(double adjusted) {
        return new ReportEntry(label, image, map, result, error, adjusted, reference);
    }

    /**
     * @param references the references the image was tested against (possibly none)
     * @return a copy that shows them (their pixel-wise mean if several), so that its page shows R and X - R
     * @throws InvalidValueException if the references differ in shape
     */
    public ReportEntry withReferences(List<Image> references) {
        return new ReportEntry(label, image, map, result, error, bhP, mean(references));
    }

    /**
     * @param newMap the saliency map
     * @return a copy that shows it
     */
    public ReportEntry withMap(SaliencyMap newMap) {
        return new ReportEntry(label, image, newMap, result, error, bhP, reference);
    }

    /**
     * @param label the image's name
     * @param image the image if it was read, else {@code null}
     * @param error the one-line error
     * @return the entry
     */
    public static ReportEntry failed(String label, Image image, String error) {
        return new ReportEntry(label, image, null, null, error, null, null);
    }

    /** @return whether the image was tested (it has a result; see {@link #hasP} for whether it has a p-value) */
    public boolean ok() {
        return result != null;
    }

    /**
     * @return whether the entry has a selective p-value: a result whose selector selected a region that could be
     *     tested (not none, and not a p-value left out, as for a region of no pixel)
     */
    public boolean hasP() {
        return result != null && Outcomes.tested(result);
    }

    private static Image mean(List<Image> references) {
        if (references == null || references.isEmpty()) {
            return null;
        }
        if (references.size() == 1) {
            return references.get(0);
        }
        Image first = references.get(0);
        double[] sum = new double[first.shape().size()];
        for (Image r : references) {
            if (!r.shape().equals(first.shape())) {
                throw new InvalidValueException("the references differ in shape: " + first.shape() + " and "
                        + r.shape());
            }
            double[] v = r.toArray();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= references.size();
        }
        return Image.of("mean of " + references.size() + " references", first.shape(), sum);
    }
}
