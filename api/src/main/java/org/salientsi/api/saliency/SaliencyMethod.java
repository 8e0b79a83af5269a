package org.salientsi.api.saliency;

import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.eval.PointEvaluation;

/**
 * A saliency method bound to one network (created by its {@link SaliencyMethodProvider}). Instances
 * hold only read-only data and are thread-safe.
 *
 * <p>A piecewise-linear method gives its map on a linear piece: with the network evaluated on the
 * line (each node {@code p + q z}), it writes the map's intercepts and slopes, making any further
 * decision of its own (for example the arg-max target, or a ReLU in Grad-CAM) through the
 * {@link LineEvaluation}, which narrows the piece.
 */
public interface SaliencyMethod {

    /** @return the method's name */
    String name();

    /** @return whether the map is piecewise linear in the input (else it has no selective p-value) */
    boolean piecewiseLinear();

    /** @return the node ids the method reads; evaluators compute them and their ancestors */
    int[] requiredNodes();

    /**
     * @param at the network evaluated at the input
     * @return the map on the input's pixel grid
     */
    SaliencyMap map(PointEvaluation at);

    /**
     * The map on the current linear piece.
     *
     * @param line the network on the line
     * @param observed the map at the observed data (its target is the one to explain)
     * @param p receives the map's intercepts (row-major pixels)
     * @param q receives the map's slopes
     * @return whether the method's own data-dependent choices on this piece (the arg-max target)
     *     equal the observed ones
     * @throws org.salientsi.api.error.NotPiecewiseLinearException if the method is not piecewise linear
     */
    boolean lineMap(LineEvaluation line, SaliencyMap observed, double[] p, double[] q);
}
