package org.salientsi.sanity;

import java.util.Objects;
import org.salientsi.api.error.InvalidPixelException;

/**
 * One image of a sanity check: a label for reports, the pixels in the IR's CHW order, and optionally
 * its class and a mask of its relevant region. Immutable: the factory and accessors copy.
 *
 * @param id a label (a file name)
 * @param chw pixel values, CHW order, finite
 * @param label the true class, or {@code null}
 * @param mask row-major {@code H x W} mask of the relevant region (1 inside), or {@code null}
 */
public record SanityImage(String id, double[] chw, Integer label, boolean[] mask) {

    /**
     * @throws InvalidPixelException if a pixel is not finite
     */
    public SanityImage {
        Objects.requireNonNull(id, "id");
        chw = chw.clone();
        for (int i = 0; i < chw.length; i++) {
            if (!Double.isFinite(chw[i])) {
                throw new InvalidPixelException("image " + id + " has a non-finite value at CHW index " + i);
            }
        }
        mask = mask == null ? null : mask.clone();
    }

    /**
     * @param id label
     * @param chw pixels (CHW)
     * @return an image without class or mask
     */
    public static SanityImage of(String id, double[] chw) {
        return new SanityImage(id, chw, null, null);
    }

    @Override
    public double[] chw() {
        return chw.clone();
    }

    @Override
    public boolean[] mask() {
        return mask == null ? null : mask.clone();
    }

    /** @return the number of mask pixels (0 without a mask) */
    public int maskSize() {
        int n = 0;
        if (mask != null) {
            for (boolean b : mask) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * @param images images of one shape
     * @param channels channels
     * @return the per-channel mean over every pixel of every image
     */
    public static double[] channelMean(java.util.List<SanityImage> images, int channels) {
        double[] sum = new double[channels];
        long count = 0;
        for (SanityImage im : images) {
            int plane = im.chw.length / channels;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    sum[c] += im.chw[c * plane + i];
                }
            }
            count += plane;
        }
        for (int c = 0; c < channels; c++) {
            sum[c] /= Math.max(count, 1);
        }
        return sum;
    }
}
