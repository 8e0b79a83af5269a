package org.salientsi.core.grad;

/**
 * Ops that add their inputs or copy one (residual {@code Add}; {@code Identity}, {@code Reshape},
 * channel-major {@code Flatten}): every input receives the output's gradient unchanged.
 */
final class SumAdjoint extends Adjoint {

    SumAdjoint(int node, int[] inputs) {
        super(node, inputs);
    }

    @Override
    void backward(double[] g, double[][] grad, int[] decisions) {
        for (int in : inputs) {
            double[] gx = grad[in];
            if (gx == null) {
                continue;
            }
            for (int i = 0; i < g.length; i++) {
                gx[i] += g[i];
            }
        }
    }
}
