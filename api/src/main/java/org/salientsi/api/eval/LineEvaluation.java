package org.salientsi.api.eval;

import org.salientsi.api.ir.Network;

/**
 * A network evaluated on the line \( Y(z) = a + c z \) for {@code z} in the current linear piece: every
 * node's output is \( p + q z \) there. The piece is the interval, containing the evaluation point
 * {@link #z()} on its closed side, on which every decision made so far keeps its value.
 *
 * <p>Decisions are taken just past {@code z} in the walking direction, so a value that vanishes
 * exactly at {@code z} is settled by the sign of its slope and consecutive pieces tile the line
 * without gaps. This is the engine's view (the evaluation point, the piece's ends, narrowing); plugins get
 * its coordinate-free part: saliency methods a {@link Piece}, selectors {@link Decisions}.
 */
public interface LineEvaluation extends Piece {

    /** @return the network */
    @Override
    Network network();

    /** @return the point at which the piece is evaluated (in the walker's coordinates) */
    double z();

    /**
     * @param node a node id
     * @return intercepts {@code p} of the node's output on this piece; do not modify
     */
    @Override
    double[] intercept(int node);

    /**
     * @param node a node id
     * @return slopes {@code q} of the node's output on this piece; do not modify
     */
    @Override
    double[] slope(int node);

    /**
     * Decides whether {@code p + q z > 0} just past {@link #z()} and narrows the piece so that the
     * answer holds on all of it.
     *
     * @param p intercept
     * @param q slope
     * @return the sign decision
     */
    @Override
    boolean positive(double p, double q);

    /**
     * Decides which of {@code p[i] + q[i] z}, {@code i = from, from + step, ..., < to}, is largest
     * just past {@link #z()} (ties to the lower index) and narrows the piece so that it stays largest.
     *
     * @param p intercepts
     * @param q slopes
     * @param from first index
     * @param to end index (exclusive)
     * @param step index step, {@code >= 1}
     * @return the index of the largest
     */
    @Override
    int argmax(double[] p, double[] q, int from, int to, int step);

    /** The value at the evaluation point {@link #z()}, where the piece starts. */
    @Override
    default double valueAtStart(double p, double q) {
        return p + q * z();
    }

    /**
     * Narrows the piece to {@code [lo, hi]} (walker's coordinates), for decisions a plugin takes on
     * lines of its own (SmoothGrad's shifted lines, say). The result must still contain {@link #z()}
     * with {@code z < upper}.
     *
     * @param lo lower bound
     * @param hi upper bound, {@code > z()}
     */
    void narrow(double lo, double hi);

    /** @return the lower end of the piece so far (walker's coordinates) */
    double lower();

    /** @return the upper end of the piece so far (walker's coordinates) */
    double upper();
}
