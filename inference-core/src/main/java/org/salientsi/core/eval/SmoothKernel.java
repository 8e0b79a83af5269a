package org.salientsi.core.eval;

import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * Kernels of the ops that are not piecewise linear (sigmoid, tanh, exp, erf, GELU, softmax, layer
 * normalisation, and products and quotients of two data-dependent tensors): evaluated at points, and bounded
 * over segments of the line by {@link SegmentEvaluator} through {@link #bound}; the exact walk cannot follow
 * them, so {@link #line} refuses.
 *
 * <p>A value that is not finite at a point (a quotient by 0, an overflowing exponential) is a
 * {@link NumericalBreakdownException} naming the node, never a silent NaN or infinity.
 */
abstract class SmoothKernel extends Kernel {

    /** The node's name, for messages. */
    final String name;
    /** The op's type, for messages. */
    final String type;

    SmoothKernel(int node, int[] inputs, int size, String name, String type) {
        super(node, inputs, size);
        this.name = name;
        this.type = type;
    }

    @Override
    final void forward(double[][] v, double[][] work) {
        compute(v, work);
        double[] y = v[node];
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(y[i])) {
                throw breakdown("output " + i + " is " + y[i]);
            }
        }
    }

    /** Computes {@code v[node]} from {@code v[inputs]} at a point (checked for finiteness by the caller). */
    abstract void compute(double[][] v, double[][] work);

    @Override
    final void line(double[][] p, double[][] q, PieceState line, double[][] work) {
        throw new UnsupportedLayerException(name, type,
                "not piecewise linear, so the exact walk cannot follow it (the certified search bounds it)");
    }

    /**
     * Bounds the node over the relaxation's segment from its inputs' bounds.
     *
     * @param r the relaxation (the evaluator's bounds and scratch)
     * @param work scratch, {@link Kernel#WORK_BUFFERS} arrays of at least {@link #boundWorkSize()} values
     */
    abstract void bound(SegmentRelaxation r, double[][] work);

    /** @return the scratch length {@link #bound} needs per work buffer */
    int boundWorkSize() {
        return 0;
    }

    /** @return a typed breakdown naming this node */
    NumericalBreakdownException breakdown(String what) {
        return new NumericalBreakdownException("node '" + name + "' (" + type + "): " + what
                + "; the point evaluation has no finite value there");
    }
}
