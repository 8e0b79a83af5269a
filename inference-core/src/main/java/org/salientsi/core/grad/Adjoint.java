package org.salientsi.core.grad;

import org.salientsi.api.eval.Piece;

/**
 * The transpose of one node's map on a fixed activation pattern: given the gradient with respect to
 * the node's output, it adds the gradient with respect to each input. Nodes with piecewise decisions
 * (ReLU signs, max-pool winners) also take those decisions, at a point or on a piece of the line, into
 * an {@code int} array owned by the calling {@link Backprop}. Immutable.
 */
abstract class Adjoint {

    /** The node. */
    final int node;
    /** The node's input ids. */
    final int[] inputs;

    Adjoint(int node, int[] inputs) {
        this.node = node;
        this.inputs = inputs;
    }

    /** @return how many decisions the node takes (0 for affine ops) */
    int decisionCount() {
        return 0;
    }

    /** @return the scratch length the line decisions need */
    int scratchSize() {
        return 0;
    }

    /**
     * Takes the node's decisions at a point.
     *
     * @param x the value of the node's input
     * @param decisions receives the decisions
     */
    void decide(double[] x, int[] decisions) {
    }

    /**
     * Takes the node's decisions on the current piece of the line, through the line's decision rule
     * (which narrows the piece exactly as the evaluator's own decisions did).
     *
     * @param line the piece
     * @param p the input's intercepts
     * @param q the input's slopes
     * @param decisions receives the decisions
     * @param sp scratch
     * @param sq scratch
     */
    void decide(Piece line, double[] p, double[] q, int[] decisions, double[] sp, double[] sq) {
    }

    /**
     * Adds the gradient with respect to the inputs.
     *
     * @param g gradient with respect to the node's output
     * @param grad per-node gradient buffers; {@code null} for nodes the gradient does not flow to
     * @param decisions the node's decisions (empty for affine ops)
     */
    abstract void backward(double[] g, double[][] grad, int[] decisions);
}
