package org.salientsi.sanity.mask;

import java.util.SplittableRandom;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.methods.blur.Border;
import org.salientsi.methods.blur.GaussianBlur;

/**
 * Mask operations of Viviano et al.'s training variants (SANITY.md section 3.2), on CHW images with a
 * row-major {@code H x W} mask (true inside the region of interest). Stateless.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * The "Masked" variant's input: {@code x * M_in} (every channel zeroed outside the mask).
     *
     * @param chw image
     * @param mask mask
     * @return a new image
     */
    public static double[] zeroOutside(double[] chw, boolean[] mask) {
        check(chw, mask);
        double[] out = chw.clone();
        int plane = mask.length;
        for (int i = 0; i < out.length; i++) {
            if (!mask[i % plane]) {
                out[i] = 0;
            }
        }
        return out;
    }

    /**
     * The "shuffle" variant's input: the values outside the mask permuted uniformly at random (per
     * channel, the same permutation for every channel); inside untouched.
     *
     * @param chw image
     * @param mask mask
     * @param rng the permutation's randomness
     * @return a new image
     */
    public static double[] shuffleOutside(double[] chw, boolean[] mask, SplittableRandom rng) {
        check(chw, mask);
        int plane = mask.length;
        int outside = 0;
        for (boolean b : mask) {
            outside += b ? 0 : 1;
        }
        int[] pos = new int[outside];
        int k = 0;
        for (int i = 0; i < plane; i++) {
            if (!mask[i]) {
                pos[k++] = i;
            }
        }
        int[] perm = pos.clone();
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] out = chw.clone();
        int channels = chw.length / plane;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < pos.length; i++) {
                out[c * plane + pos[i]] = chw[c * plane + perm[i]];
            }
        }
        return out;
    }

    /**
     * The synthetic data's mask pre-processing: blur with sigma, normalise by the maximum, keep {@code > 0}
     * (a dilation of the region).
     *
     * @param mask mask
     * @param height rows
     * @param width columns
     * @param sigma blur in pixels
     * @return the dilated mask
     */
    public static boolean[] dilate(boolean[] mask, int height, int width, double sigma) {
        double[] m = new double[mask.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = mask[i] ? 1 : 0;
        }
        double[] b = GaussianBlur.of(sigma, Border.ZERO).apply(m, height, width);
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = b[i] > 0;
        }
        return out;
    }

    private static void check(double[] chw, boolean[] mask) {
        if (mask.length == 0 || chw.length % mask.length != 0) {
            throw new InvalidInputException("a mask of " + mask.length + " pixels does not fit an image of "
                    + chw.length + " values");
        }
    }
}
