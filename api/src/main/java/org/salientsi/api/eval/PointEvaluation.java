package org.salientsi.api.eval;

import org.salientsi.api.ir.Network;

/** A network evaluated at one input. */
public interface PointEvaluation {

    /** @return the network */
    Network network();

    /** @return the input (CHW order); do not modify */
    double[] input();

    /**
     * @param node a node id
     * @return the node's output (CHW order); do not modify
     * @throws IllegalStateException if the node was not evaluated
     */
    double[] value(int node);

    /** @return an evaluator for further inputs of the same network (for methods that perturb the input) */
    NetworkEvaluator evaluator();
}
