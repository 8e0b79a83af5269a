package org.salientsi.methods.blur;

/**
 * What a {@link GaussianBlur} reads outside a plane of {@code n} pixels along an axis; named as the {@code mode} of
 * {@code scipy.ndimage.gaussian_filter}.
 */
public enum Border {

    /**
     * scipy's {@code mode='reflect'}: the plane mirrored with its edge pixel repeated, {@code d c b a | a b c d |
     * d c b a}, periodically when the kernel is wider than the plane (numpy's {@code pad(mode='symmetric')}). A
     * constant map stays constant.
     */
    REFLECT,

    /**
     * scipy's {@code mode='constant', cval=0}: zeros outside the plane, so mass near the edge leaks out and a
     * non-negative map blurred stays non-negative.
     */
    ZERO;

    /**
     * @param i a position along an axis, possibly outside {@code [0, n)}
     * @param n the axis length, {@code >= 1}
     * @return the position inside {@code [0, n)} read for {@code i}, or {@code -1} for a zero
     */
    int source(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (this == ZERO) {
            return -1;
        }
        int period = 2 * n;
        int r = ((i % period) + period) % period;
        return r < n ? r : period - 1 - r;
    }
}
