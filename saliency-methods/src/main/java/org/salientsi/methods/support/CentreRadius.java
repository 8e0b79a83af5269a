package org.salientsi.methods.support;

import org.salientsi.api.eval.LineBounds;

/**
 * Per-pixel bounds over a segment from a map in centre-radius form on the line: the map lies in
 * \( [m - r, m + r] \) with centre \( m = m_p + m_q z \) and radius \( r = r_p + r_q z \), so over the
 * segment it lies between the lowest value of \( m - r \) and the highest of \( m + r \).
 */
public final class CentreRadius {

    private CentreRadius() {
    }

    /**
     * @param bounds the segment
     * @param lower holds the centre's intercepts on entry, receives the lower bounds
     * @param upper holds the centre's slopes on entry, receives the upper bounds
     * @param radiusP the radius's intercepts
     * @param radiusQ the radius's slopes
     */
    public static void toBounds(LineBounds bounds, double[] lower, double[] upper, double[] radiusP,
                                double[] radiusQ) {
        for (int i = 0; i < lower.length; i++) {
            double mp = lower[i];
            double mq = upper[i];
            double rp = radiusP[i];
            double rq = radiusQ[i];
            lower[i] = bounds.lowest(mp - rp, mq - rq);
            upper[i] = bounds.highest(mp + rp, mq + rq);
        }
    }
}
