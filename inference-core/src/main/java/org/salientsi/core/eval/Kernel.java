package org.salientsi.core.eval;

/**
 * One compiled node: computes its output from its inputs' outputs, at a point and on a linear piece.
 * Kernels hold only read-only data and may be shared by evaluators on several threads.
 */
abstract class Kernel {

    /** The node this kernel computes. */
    final int node;
    /** Input node ids. */
    final int[] inputs;
    /** Output length. */
    final int size;

    Kernel(int node, int[] inputs, int size) {
        this.node = node;
        this.inputs = inputs;
        this.size = size;
    }

    /** Number of scratch buffers an evaluator gives every kernel. */
    static final int WORK_BUFFERS = 4;

    /**
     * @return the length of each of the {@link #WORK_BUFFERS} scratch buffers this kernel needs (shared
     *     per evaluator, 0 for none)
     */
    int workSize() {
        return 0;
    }

    /**
     * Computes {@code v[node]} from {@code v[inputs]} at a point.
     *
     * @param v per-node values
     * @param work {@link #WORK_BUFFERS} scratch buffers of at least {@link #workSize()} values
     */
    abstract void forward(double[][] v, double[][] work);

    /**
     * Computes intercepts and slopes of the node on the current piece, taking every decision through
     * {@code line}.
     *
     * @param p per-node intercepts
     * @param q per-node slopes
     * @param line the evaluator, which narrows the piece
     * @param work {@link #WORK_BUFFERS} scratch buffers of at least {@link #workSize()} values
     */
    abstract void line(double[][] p, double[][] q, LineEvaluator line, double[][] work);

    /** Kernels of affine ops: the line form is the map applied to the intercepts and, without its constant, the slopes. */
    abstract static class Affine extends Kernel {

        Affine(int node, int[] inputs, int size) {
            super(node, inputs, size);
        }

        /**
         * @param v per-node inputs
         * @param out output
         * @param withConstant whether to add the op's constant term (bias)
         */
        abstract void apply(double[][] v, double[] out, boolean withConstant);

        @Override
        void forward(double[][] v, double[][] work) {
            apply(v, v[node], true);
        }

        @Override
        void line(double[][] p, double[][] q, LineEvaluator line, double[][] work) {
            apply(p, p[node], true);
            apply(q, q[node], false);
        }
    }
}
