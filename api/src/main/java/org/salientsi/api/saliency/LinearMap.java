package org.salientsi.api.saliency;

import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;

/**
 * A saliency map on one linear piece of the test line: pixel {@code i} (row-major) is
 * {@code p[i] + q[i] z} there. The engine keeps one per search and refills its arrays piece by piece (no
 * allocation per piece), so a plugin reads it during the call it is given to and keeps no reference.
 *
 * @param height rows, {@code >= 1}
 * @param width columns, {@code >= 1}
 * @param p intercepts, {@code height * width} of them
 * @param q slopes, {@code height * width} of them
 */
public record LinearMap(int height, int width, double[] p, double[] q) {

    /** @throws InvalidValueException if the arrays do not have {@code height * width} values */
    public LinearMap {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        if (height < 1 || width < 1 || (long) height * width != p.length || p.length != q.length) {
            throw InvalidValueException.of("a %dx%d linear map needs %d intercepts and slopes, got %d and %d",
                    height, width, (long) height * width, p.length, q.length);
        }
    }

    /**
     * @param height rows
     * @param width columns
     * @return a map of zeros, to be filled
     */
    public static LinearMap zeros(int height, int width) {
        return new LinearMap(height, width, new double[height * width], new double[height * width]);
    }

    /** @return the number of pixels */
    public int size() {
        return p.length;
    }
}
