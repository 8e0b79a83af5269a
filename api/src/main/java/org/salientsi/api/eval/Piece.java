package org.salientsi.api.eval;

import org.salientsi.api.ir.Network;

/**
 * The network on one linear piece of the test line, as a saliency method sees it: every evaluated node's
 * output is {@code p + q z} there ({@link #intercept}, {@link #slope}), and every decision of the method's
 * own goes through the engine's rule ({@link Decisions}), which narrows the piece so that it holds on all of
 * it. A method never sees where the piece lies on the line.
 */
public interface Piece extends Decisions {

    /** @return the network */
    Network network();

    /**
     * @param node a node id the evaluation computes
     * @return intercepts {@code p} of the node's output on this piece; do not modify
     */
    double[] intercept(int node);

    /**
     * @param node a node id the evaluation computes
     * @return slopes {@code q} of the node's output on this piece; do not modify
     */
    double[] slope(int node);

    /**
     * Evaluates a companion line of the method's own, \( x'(z) = a' + c' z \) (an affine image of the test line,
     * such as SmoothGrad's noisy copies or the integrated-gradients path), at this piece's position, and
     * narrows this piece to where the companion keeps its decisions too.
     *
     * @param index the companion's number, {@code >= 0} (the same number reuses the same evaluator)
     * @param requiredNodes the nodes the companion must compute
     * @param intercept the companion line's input intercepts {@code a'} (CHW)
     * @param slope the companion line's input slopes {@code c'} (CHW)
     * @return the companion on its piece (valid until the next call with this index)
     */
    Piece companion(int index, int[] requiredNodes, double[] intercept, double[] slope);
}
