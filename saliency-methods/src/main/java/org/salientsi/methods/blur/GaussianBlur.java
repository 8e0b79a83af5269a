package org.salientsi.methods.blur;

import java.util.Arrays;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;

/**
 * A separable Gaussian blur of a row-major {@code height x width} plane, as
 * {@code scipy.ndimage.gaussian_filter(x, sigma, truncate=t, mode=border)} defines it: kernel radius
 * {@code r = (int) (t sigma + 0.5)} pixels, weights {@code exp(-i^2 / (2 sigma^2))} for {@code |i| <= r} normalised
 * to sum 1, the {@link Border} rule outside the plane. The 1-D correlation runs along each row first, then along
 * each column. Linear, so it applies to values, intercepts and slopes alike. Immutable and thread-safe; equal when
 * sigma, truncation and border are.
 */
public final class GaussianBlur {

    /** The truncation scipy uses by default (and Viviano et al. explicitly), in standard deviations. */
    public static final double DEFAULT_TRUNCATE = 4.0;

    /** The largest standard deviation accepted, in pixels. */
    public static final double MAX_SIGMA = 1000;

    /** The largest truncation accepted, in standard deviations. */
    public static final double MAX_TRUNCATE = 100;

    private final double sigma;
    private final double truncate;
    private final Border border;
    private final double[] weights;
    private final int radius;

    private GaussianBlur(double sigma, double truncate, Border border) {
        this.sigma = sigma;
        this.truncate = truncate;
        this.border = border;
        this.radius = (int) (truncate * sigma + 0.5);
        this.weights = new double[2 * radius + 1];
        if (sigma > 0) {
            double sum = 0;
            for (int x = -radius; x <= radius; x++) {
                double w = Math.exp(-0.5 * x * x / (sigma * sigma));
                weights[x + radius] = w;
                sum += w;
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] /= sum;
            }
        } else {
            weights[0] = 1;
        }
    }

    /**
     * @param sigma standard deviation in pixels, in {@code [0, 1000]} (0 is the identity)
     * @param border what is read outside the plane
     * @return the blur truncated at {@link #DEFAULT_TRUNCATE} standard deviations
     * @throws InvalidValueException if sigma is out of range or NaN
     */
    public static GaussianBlur of(double sigma, Border border) {
        return of(sigma, DEFAULT_TRUNCATE, border);
    }

    /**
     * @param sigma standard deviation in pixels, in {@code [0, 1000]} (0 is the identity)
     * @param truncate kernel half-width in standard deviations, in {@code (0, 100]}
     * @param border what is read outside the plane
     * @return the blur
     * @throws InvalidValueException if sigma or truncate is out of range or NaN
     */
    public static GaussianBlur of(double sigma, double truncate, Border border) {
        Objects.requireNonNull(border, "border");
        if (!(sigma >= 0 && sigma <= MAX_SIGMA) || !(truncate > 0 && truncate <= MAX_TRUNCATE)) {
            throw InvalidValueException.of("Gaussian blur needs sigma in [0, %s] pixels and truncate in (0, %s]"
                    + " standard deviations, got %s and %s", MAX_SIGMA, MAX_TRUNCATE, sigma, truncate);
        }
        return new GaussianBlur(sigma, truncate, border);
    }

    /** @return the standard deviation in pixels */
    public double sigma() {
        return sigma;
    }

    /** @return the kernel half-width in standard deviations */
    public double truncate() {
        return truncate;
    }

    /** @return what is read outside the plane */
    public Border border() {
        return border;
    }

    /** @return the kernel weights (a copy), index 0 is offset {@code -r}; {@code [1]} when sigma is 0 */
    public double[] kernel() {
        return weights.clone();
    }

    /**
     * @param plane row-major values
     * @param height rows, {@code >= 0}
     * @param width columns, {@code >= 0}
     * @return the blurred plane (a new array)
     * @throws InvalidValueException if the plane does not hold {@code height x width} values
     */
    public double[] apply(double[] plane, int height, int width) {
        if (height < 0 || width < 0 || (long) height * width != plane.length) {
            throw InvalidValueException.of("blur: %d values do not fit %dx%d", plane.length, height, width);
        }
        double[] out = new double[plane.length];
        apply(plane, height, width, new double[plane.length], out);
        return out;
    }

    /**
     * The blur without allocation, for hot loops.
     *
     * @param src row-major {@code height x width} values (at least that many)
     * @param height rows, {@code >= 0}
     * @param width columns, {@code >= 0}
     * @param tmp scratch of at least {@code height * width}, not {@code src} or {@code dst}
     * @param dst receives the blurred values in its first {@code height * width} entries (not {@code src})
     */
    public void apply(double[] src, int height, int width, double[] tmp, double[] dst) {
        if (radius == 0) {
            System.arraycopy(src, 0, dst, 0, height * width);
            return;
        }
        for (int h = 0; h < height; h++) {
            int row = h * width;
            for (int w = 0; w < width; w++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int j = border.source(w + k, width);
                    if (j >= 0) {
                        s += weights[k + radius] * src[row + j];
                    }
                }
                tmp[row + w] = s;
            }
        }
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    int j = border.source(h + k, height);
                    if (j >= 0) {
                        s += weights[k + radius] * tmp[j * width + w];
                    }
                }
                dst[h * width + w] = s;
            }
        }
    }

    /**
     * Blurs every channel of a CHW tensor on its own.
     *
     * @param chw channel-major values
     * @param channels channels, {@code >= 0}
     * @param height rows, {@code >= 0}
     * @param width columns, {@code >= 0}
     * @return the blurred tensor (a new array)
     * @throws InvalidValueException if the tensor does not hold {@code channels x height x width} values
     */
    public double[] applyChannels(double[] chw, int channels, int height, int width) {
        if (channels < 0 || height < 0 || width < 0 || (long) channels * height * width != chw.length) {
            throw InvalidValueException.of("blur: %d values do not fit %dx%dx%d", chw.length, channels, height,
                    width);
        }
        int plane = height * width;
        double[] out = new double[chw.length];
        double[] one = new double[plane];
        double[] tmp = new double[plane];
        double[] blurred = new double[plane];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(chw, c * plane, one, 0, plane);
            apply(one, height, width, tmp, blurred);
            System.arraycopy(blurred, 0, out, c * plane, plane);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianBlur g && Double.compare(sigma, g.sigma) == 0
                && Double.compare(truncate, g.truncate) == 0 && border == g.border;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sigma, truncate, border);
    }

    @Override
    public String toString() {
        return "GaussianBlur[sigma=" + sigma + ", truncate=" + truncate + ", border=" + border + "]";
    }
}
