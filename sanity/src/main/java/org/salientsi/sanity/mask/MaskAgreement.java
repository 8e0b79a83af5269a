package org.salientsi.sanity.mask;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.methods.blur.Border;
import org.salientsi.methods.blur.GaussianBlur;
import org.salientsi.sanity.map.Percentile;

/**
 * Viviano et al.'s {@code calc_loc_scores} (SANITY.md section 3.4): the map {@code S} is optionally
 * replaced by {@code |S|} and blurred; with {@code p = 100 - 100 |M| / (H W)} and
 * {@code t = percentile(S, p)} (linear interpolation), the predicted region is
 * {@code P = [S * [S > t] > 0]}, and
 *
 * <pre>
 * IoU = |P and M| / (|P or M| + eps),  IoP = |P and M| / (|P| + eps),  IoT = |P and M| / (|M| + eps),  eps = 1e-15
 * </pre>
 *
 * plus the pointing game (the map's first maximum inside the mask) and the relevance-rank accuracy
 * (the fraction of the top-|M| pixels inside the mask, Quantus' {@code RelevanceRankAccuracy}), both on
 * the processed map. Immutable.
 *
 * @param absolute whether to take {@code |S|} first
 * @param blur the blur applied after the absolute value, or {@code null} for none
 */
public record MaskAgreement(boolean absolute, GaussianBlur blur) {

    private static final double EPS = 1e-15;

    /** @return the paper's processing: absolute value, then a Gaussian blur with sigma 1 truncated at 3.5 */
    public static MaskAgreement viviano() {
        return new MaskAgreement(true, GaussianBlur.of(1.0, 3.5, Border.ZERO));
    }

    /** @return no processing (the map as given) */
    public static MaskAgreement raw() {
        return new MaskAgreement(false, null);
    }

    /** @return a short description for provenance */
    public String spec() {
        return (absolute ? "abs" : "signed") + (blur == null ? ", no blur" : ", blur sigma " + blur.sigma()
                + " truncate " + blur.truncate());
    }

    /**
     * @param map row-major saliency values
     * @param height rows
     * @param width columns
     * @return the processed map
     */
    public double[] process(double[] map, int height, int width) {
        double[] s = map.clone();
        if (absolute) {
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.abs(s[i]);
            }
        }
        return blur == null ? s : blur.apply(s, height, width);
    }

    /**
     * @param map row-major saliency values
     * @param mask row-major mask, true inside the relevant region
     * @param height rows
     * @param width columns
     * @return the agreement
     * @throws InvalidInputException if the sizes differ or the mask is empty
     */
    public MaskScores score(double[] map, boolean[] mask, int height, int width) {
        if (map.length != height * width || mask.length != map.length) {
            throw new InvalidInputException("map of " + map.length + " values and mask of " + mask.length
                    + " do not fit " + height + "x" + width);
        }
        int m = 0;
        for (boolean b : mask) {
            m += b ? 1 : 0;
        }
        if (m == 0) {
            throw new InvalidInputException("the mask is empty; mask agreement needs at least one mask pixel");
        }
        double[] s = process(map, height, width);
        double p = 100.0 - 100.0 * m / s.length;
        double t = Percentile.of(s, p);
        int inter = 0;
        int predicted = 0;
        int best = 0;
        for (int i = 0; i < s.length; i++) {
            boolean in = s[i] > t && s[i] > 0;
            if (in) {
                predicted++;
                if (mask[i]) {
                    inter++;
                }
            }
            if (s[i] > s[best]) {
                best = i;
            }
        }
        int union = predicted + m - inter;
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(s[b], s[a]));
        int top = 0;
        for (int i = 0; i < m; i++) {
            top += mask[idx[i]] ? 1 : 0;
        }
        return new MaskScores(inter / (union + EPS), inter / (predicted + EPS), inter / (m + EPS), mask[best],
                (double) top / m, predicted, m);
    }
}
