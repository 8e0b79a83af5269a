package org.salientsi.sanity.perturb;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;

/**
 * What one perturbation step removes (SANITY.md section 2.4): single pixels ({@code pixel}), {@code k}
 * pixels per step ({@code pixels:K}), or square non-overlapping patches of side {@code S} whose relevance
 * is the sum, mean or max of their pixels' relevance ({@code patch:S[:sum|mean|max]}; edge patches are
 * cut at the border). A pixel brings all its channels.
 *
 * @param patch patch side (1 for pixels)
 * @param perStep features removed per step
 * @param aggregation how a patch's relevance is aggregated
 */
public record PerturbationUnit(int patch, int perStep, Aggregation aggregation) {

    /** How a patch's relevance is aggregated from its pixels. */
    public enum Aggregation {
        /** Sum (Quantus). */
        SUM,
        /** Mean (iNNvestigate). */
        MEAN,
        /** Maximum. */
        MAX
    }

    /** One pixel per step. */
    public static final PerturbationUnit PIXEL = new PerturbationUnit(1, 1, Aggregation.SUM);

    /**
     * @throws InvalidInputException if a size is below 1
     */
    public PerturbationUnit {
        if (patch < 1 || perStep < 1 || aggregation == null) {
            throw new InvalidInputException("perturbation unit needs patch >= 1, perStep >= 1 and an aggregation, got "
                    + patch + ", " + perStep + ", " + aggregation);
        }
    }

    /**
     * @param spec {@code pixel}, {@code pixels:K} or {@code patch:S[:sum|mean|max]}
     * @return the unit
     */
    public static PerturbationUnit parse(String spec) {
        String[] p = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (p[0]) {
                case "pixel":
                    return PIXEL;
                case "pixels":
                    return new PerturbationUnit(1, Integer.parseInt(p[1]), Aggregation.SUM);
                case "patch":
                    return new PerturbationUnit(Integer.parseInt(p[1]), 1,
                            p.length > 2 ? Aggregation.valueOf(p[2].toUpperCase(Locale.ROOT)) : Aggregation.SUM);
                default:
                    break;
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidInputException("malformed perturbation unit '" + spec + "'", e);
        }
        throw new InvalidInputException("unknown perturbation unit '" + spec
                + "'; use pixel, pixels:K or patch:S[:sum|mean|max]");
    }

    /** @return the canonical specification */
    public String spec() {
        if (patch == 1) {
            return perStep == 1 ? "pixel" : "pixels:" + perStep;
        }
        return "patch:" + patch + ":" + aggregation.name().toLowerCase(Locale.ROOT)
                + (perStep == 1 ? "" : "(x" + perStep + ")");
    }

    /**
     * @param height rows
     * @param width columns
     * @return the pixels (row-major indices) of each feature
     */
    public int[][] features(int height, int width) {
        int rows = (height + patch - 1) / patch;
        int cols = (width + patch - 1) / patch;
        int[][] out = new int[rows * cols][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int h0 = r * patch;
                int w0 = c * patch;
                int h1 = Math.min(height, h0 + patch);
                int w1 = Math.min(width, w0 + patch);
                int[] px = new int[(h1 - h0) * (w1 - w0)];
                int k = 0;
                for (int h = h0; h < h1; h++) {
                    for (int w = w0; w < w1; w++) {
                        px[k++] = h * width + w;
                    }
                }
                out[r * cols + c] = px;
            }
        }
        return out;
    }

    /**
     * @param map row-major relevance per pixel
     * @param features the features' pixels
     * @return one relevance per feature
     */
    public double[] relevance(double[] map, int[][] features) {
        double[] out = new double[features.length];
        for (int f = 0; f < features.length; f++) {
            int[] px = features[f];
            double s = aggregation == Aggregation.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int p : px) {
                s = aggregation == Aggregation.MAX ? Math.max(s, map[p]) : s + map[p];
            }
            out[f] = aggregation == Aggregation.MEAN ? s / px.length : s;
        }
        return out;
    }
}
