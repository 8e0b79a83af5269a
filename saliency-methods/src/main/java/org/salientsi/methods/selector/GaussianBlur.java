package org.salientsi.methods.selector;

import org.salientsi.api.error.InvalidInputException;

/**
 * Separable Gaussian blur of a map, as {@code scipy.ndimage.gaussian_filter(map, S)} computes it:
 * weights \( \propto e^{-x^2 / 2S^2} \) for \( |x| \le \lfloor 4S + 1/2 \rfloor \), normalised to sum
 * 1, and the {@code reflect} boundary (the edge pixel repeated: {@code d c b a | a b c d | d c b a}).
 * Linear, so it applies to values, intercepts and slopes alike. Immutable.
 */
final class GaussianBlur {

    private final double sigma;
    private final double[] weights;
    private final int radius;

    /**
     * @param sigma standard deviation in pixels, {@code > 0}
     * @throws InvalidInputException if sigma is not a positive number of at most 1000
     */
    GaussianBlur(double sigma) {
        if (!(sigma > 0 && sigma <= 1000)) {
            throw new InvalidInputException("smoothing needs a standard deviation in (0, 1000] pixels, got " + sigma);
        }
        this.sigma = sigma;
        this.radius = (int) (4.0 * sigma + 0.5);
        this.weights = new double[2 * radius + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++) {
            double w = Math.exp(-0.5 * x * x / (sigma * sigma));
            weights[x + radius] = w;
            sum += w;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
    }

    double sigma() {
        return sigma;
    }

    /**
     * @param src row-major {@code height x width} values
     * @param height rows
     * @param width columns
     * @param tmp scratch of {@code height * width}
     * @param dst receives the blurred values (not {@code src})
     */
    void apply(double[] src, int height, int width, double[] tmp, double[] dst) {
        for (int h = 0; h < height; h++) {
            int row = h * width;
            for (int w = 0; w < width; w++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    s += weights[k + radius] * src[row + reflect(w + k, width)];
                }
                tmp[row + w] = s;
            }
        }
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                double s = 0;
                for (int k = -radius; k <= radius; k++) {
                    s += weights[k + radius] * tmp[reflect(h + k, height) * width + w];
                }
                dst[h * width + w] = s;
            }
        }
    }

    /** The {@code reflect} boundary: period {@code 2n}, mirrored with the edge repeated. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int r = ((i % period) + period) % period;
        return r < n ? r : period - 1 - r;
    }
}
