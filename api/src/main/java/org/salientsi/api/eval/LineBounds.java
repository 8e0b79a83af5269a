package org.salientsi.api.eval;

import org.salientsi.api.ir.Network;

/**
 * Bounds on the network over a whole segment {@code [from, to]} of the line \( x(z) = a + c z \),
 * for ruling the segment out of the truncation set without walking its linear pieces (symbolic
 * interval propagation: linear layers exactly, every ReLU and max-pool window that is not decided on
 * the whole segment by its linear relaxation, as in Wang et al., USENIX Security 2018, and DeepPoly,
 * Singh et al., POPL 2019).
 *
 * <p>Each evaluated node has a centre \( m(z) = m_p + m_q z \) and a radius
 * \( r(z) = r_p + r_q z \ge 0 \) on the segment, and its value lies in \( [m(z) - r(z), m(z) + r(z)] \)
 * for every {@code z} in the segment (up to rounding). Arrays are read-only views, valid until the next
 * evaluation.
 */
public interface LineBounds {

    /** @return the network */
    Network network();

    /**
     * @param p an intercept
     * @param q a slope
     * @return the smallest value of {@code p + q z} over the segment (a plugin never needs the segment's
     *     ends themselves)
     */
    double lowest(double p, double q);

    /**
     * @param p an intercept
     * @param q a slope
     * @return the largest value of {@code p + q z} over the segment
     */
    double highest(double p, double q);

    /**
     * @param node a node id
     * @return the intercepts of the node's centre
     */
    double[] centreIntercept(int node);

    /**
     * @param node a node id
     * @return the slopes of the node's centre
     */
    double[] centreSlope(int node);

    /**
     * @param node a node id
     * @return the intercepts of the node's radius
     */
    double[] radiusIntercept(int node);

    /**
     * @param node a node id
     * @return the slopes of the node's radius
     */
    double[] radiusSlope(int node);
}
