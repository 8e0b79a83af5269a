package org.salientsi.api.eval;

import org.salientsi.api.ir.Network;

/** Evaluates a network at points; an instance is not thread-safe, create one per thread. */
public interface NetworkEvaluator {

    /** @return the network */
    Network network();

    /**
     * @param input one sample in CHW order
     * @return every node's value at that input
     * @throws org.salientsi.api.error.ShapeMismatchException if the input has the wrong length
     */
    PointEvaluation evaluate(double[] input);
}
