package org.salientsi.sanity.shift;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.salientsi.api.error.InvalidInputException;

/**
 * A seeded generator of Viviano et al.'s "synth_hard" images (SANITY.md section 3.3): 28 x 28, zero
 * background, foreground 1.
 * <ul>
 *   <li>class 0 has one cross, class 1 two; a cross has arm half-length {@code a} in {3, 4} (uniform, one
 *       draw per image), so each arm spans {@code 2a + 1} pixels; the centres' rows are drawn without
 *       replacement from {@code [a, 28 - a)}, and so are their columns;</li>
 *   <li>the distractor is a 2 x 3 solid rectangle on rows 21-22, columns 5-7 for class 0 and 20-22 for
 *       class 1;</li>
 *   <li>the mask is the crosses only;</li>
 *   <li>the shifted (validation and test) images are mirrored left-right, which keeps the cross count and
 *       moves the distractor to the other class's side, so a model that reads the distractor scores an
 *       AUC near 0.</li>
 * </ul>
 * Labels alternate 0, 1, 0, ... (balanced). Stateless.
 */
public final class CrossDistractor {

    /** Image side. */
    public static final int SIZE = 28;

    /**
     * One image.
     *
     * @param image row-major {@code 28 x 28} values in {0, 1}
     * @param mask row-major crosses
     * @param label 0 (one cross) or 1 (two crosses)
     */
    public record Sample(double[] image, boolean[] mask, int label) {
    }

    private CrossDistractor() {
    }

    /**
     * @param count number of images (at least 1)
     * @param seed generator seed
     * @param flipped whether to mirror left-right (the shifted test distribution)
     * @return the images
     */
    public static List<Sample> generate(int count, long seed, boolean flipped) {
        if (count < 1) {
            throw new InvalidInputException("the synthetic data set needs at least one image, got " + count);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(i % 2, rng, flipped));
        }
        return out;
    }

    /**
     * @param label 0 or 1
     * @param rng randomness
     * @param flipped whether to mirror left-right
     * @return one image
     */
    public static Sample sample(int label, SplittableRandom rng, boolean flipped) {
        int a = 3 + rng.nextInt(2);
        int crosses = label + 1;
        int[] rows = distinct(rng, a, SIZE - a, crosses);
        int[] cols = distinct(rng, a, SIZE - a, crosses);
        double[] img = new double[SIZE * SIZE];
        boolean[] mask = new boolean[SIZE * SIZE];
        for (int k = 0; k < crosses; k++) {
            for (int d = -a; d <= a; d++) {
                set(img, mask, rows[k] + d, cols[k], true);
                set(img, mask, rows[k], cols[k] + d, true);
            }
        }
        int c0 = label == 0 ? 5 : 20;
        for (int r = 21; r <= 22; r++) {
            for (int c = c0; c <= c0 + 2; c++) {
                set(img, mask, r, c, false);
            }
        }
        if (flipped) {
            img = mirror(img);
            mask = mirror(mask);
        }
        return new Sample(img, mask, label);
    }

    private static void set(double[] img, boolean[] mask, int r, int c, boolean inMask) {
        img[r * SIZE + c] = 1.0;
        if (inMask) {
            mask[r * SIZE + c] = true;
        }
    }

    private static int[] distinct(SplittableRandom rng, int lo, int hi, int n) {
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            boolean fresh;
            do {
                out[k] = lo + rng.nextInt(hi - lo);
                fresh = true;
                for (int j = 0; j < k; j++) {
                    fresh &= out[j] != out[k];
                }
            } while (!fresh);
        }
        return out;
    }

    /**
     * @param img row-major 28 x 28
     * @return the left-right mirror image
     */
    public static double[] mirror(double[] img) {
        double[] out = new double[img.length];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                out[r * SIZE + c] = img[r * SIZE + SIZE - 1 - c];
            }
        }
        return out;
    }

    private static boolean[] mirror(boolean[] m) {
        boolean[] out = new boolean[m.length];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                out[r * SIZE + c] = m[r * SIZE + SIZE - 1 - c];
            }
        }
        return out;
    }
}
