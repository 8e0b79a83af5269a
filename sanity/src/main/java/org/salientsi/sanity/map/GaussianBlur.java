package org.salientsi.sanity.map;

import org.salientsi.api.error.InvalidValueException;

/**
 * A separable Gaussian blur of a {@code height x width} plane that reproduces
 * {@code scipy.ndimage.gaussian_filter(x, sigma, truncate=t, mode='constant', cval=0)}: kernel radius
 * {@code r = (int) (t sigma + 0.5)}, weights {@code exp(-i^2 / (2 sigma^2))} normalised to sum 1,
 * zeros outside the plane. Immutable and thread-safe.
 *
 * @param sigma standard deviation in pixels, {@code >= 0} (0 is the identity)
 * @param truncate kernel half-width in standard deviations, {@code > 0}
 */
public record GaussianBlur(double sigma, double truncate) {

    /** The truncation scipy uses by default and Viviano et al. use explicitly. */
    public static final double DEFAULT_TRUNCATE = 4.0;

    /**
     * @throws InvalidValueException if sigma is negative or not finite, or truncate not positive
     */
    public GaussianBlur {
        if (!(sigma >= 0) || Double.isInfinite(sigma) || !(truncate > 0) || Double.isInfinite(truncate)) {
            throw InvalidValueException.of("Gaussian blur needs sigma >= 0 and truncate > 0, got %s and %s", sigma,
                    truncate);
        }
    }

    /** @return the kernel weights, index 0 is offset {@code -r} */
    public double[] kernel() {
        int r = (int) (truncate * sigma + 0.5);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * @param plane row-major values
     * @param height rows
     * @param width columns
     * @return the blurred plane (a new array)
     */
    public double[] apply(double[] plane, int height, int width) {
        if (plane.length != height * width) {
            throw InvalidValueException.of("blur: %d values do not fit %dx%d", plane.length, height, width);
        }
        if (sigma == 0) {
            return plane.clone();
        }
        double[] k = kernel();
        int r = k.length / 2;
        double[] tmp = new double[plane.length];
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    int hh = h + i;
                    if (hh >= 0 && hh < height) {
                        s += k[i + r] * plane[hh * width + w];
                    }
                }
                tmp[h * width + w] = s;
            }
        }
        double[] out = new double[plane.length];
        for (int h = 0; h < height; h++) {
            int row = h * width;
            for (int w = 0; w < width; w++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    int ww = w + i;
                    if (ww >= 0 && ww < width) {
                        s += k[i + r] * tmp[row + ww];
                    }
                }
                out[row + w] = s;
            }
        }
        return out;
    }

    /**
     * Blurs every channel of a CHW tensor.
     *
     * @param chw values
     * @param channels channels
     * @param height rows
     * @param width columns
     * @return the blurred tensor
     */
    public double[] applyChannels(double[] chw, int channels, int height, int width) {
        int plane = height * width;
        double[] out = new double[chw.length];
        double[] one = new double[plane];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(chw, c * plane, one, 0, plane);
            System.arraycopy(apply(one, height, width), 0, out, c * plane, plane);
        }
        return out;
    }
}
