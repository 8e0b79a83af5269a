package org.salientsi.core.eval;

/**
 * One compiled node: computes its output from its inputs' outputs, at a point and on a linear piece,
 * and updates it incrementally when a few input units change. Kernels hold only read-only data and may
 * be shared by evaluators on several threads.
 *
 * <p>Incremental updates ({@link IncrementalLineEvaluator}) come in two kinds. Linear kernels with a
 * large fan-in ({@link #scatters()}: convolution, dense, average pooling) add the change of each
 * changed input unit, times its weight, to the outputs it feeds. The others recompute the outputs
 * that read a changed unit exactly as a full pass would ({@link #touch}, {@link #recompute}); the
 * piecewise ones (ReLU, max pooling) re-decide them at the evaluator's point and move their roots in
 * its {@link DecisionQueue}.
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
    abstract void line(double[][] p, double[][] q, PieceState line, double[][] work);

    /** @return the number of piecewise decisions this node takes on the line (0 for affine ops) */
    int decisions() {
        return 0;
    }

    /**
     * Full pass of the incremental evaluator: as {@link #line}, and a piecewise kernel also sets the key
     * (the root ahead of the point) of each of its decisions, unordered.
     *
     * @param ev the evaluator
     * @param base the id of this node's first decision in the evaluator's queue
     */
    void fullPass(IncrementalLineEvaluator ev, int base) {
        line(ev.p, ev.q, ev, ev.work);
    }

    /** @return whether changes propagate through this kernel by scattering weighted deltas */
    boolean scatters() {
        return false;
    }

    /**
     * Adds the changes of input units to the outputs they feed ({@link #scatters()} kernels only): by
     * default through {@link IncrementalLineEvaluator#add} (into the node's {@code dp}, {@code dq} and
     * unit list), or into the kernel's {@link #newScatterScratch() scratch}, which
     * {@link #applyScattered} then moves into the node. Each output's changes are summed in the order
     * of {@code changed}.
     *
     * @param slot which input
     * @param changed the changed units of that input
     * @param n how many
     * @param dp their intercept changes
     * @param dq their slope changes
     * @param ev the evaluator
     */
    void scatter(int slot, int[] changed, int n, double[] dp, double[] dq, IncrementalLineEvaluator ev) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not scatter");
    }

    /**
     * @return for {@link #scatters() scattering} kernels that accumulate in a layout of their own, a new
     *     zeroed scratch for one evaluator; {@code null} (the default) for those that add into the node
     *     directly
     */
    ScatterScratch newScatterScratch() {
        return null;
    }

    /**
     * Ends a scattering round of this node, after {@link #scatter} for every changed input: adds the
     * summed changes to the node's intercepts and slopes, and leaves in the evaluator's {@code dp},
     * {@code dq}, {@code list} and {@code count} of the node the units that changed with their changes
     * (as {@link #recomputeAll} does). By default the changes are already there (added through
     * {@link IncrementalLineEvaluator#add}) and only the intercepts and slopes are updated.
     *
     * @param ev the evaluator
     */
    void applyScattered(IncrementalLineEvaluator ev) {
        double[] pn = ev.p[node];
        double[] qn = ev.q[node];
        double[] dpn = ev.dp[node];
        double[] dqn = ev.dq[node];
        int[] units = ev.list[node];
        int n = ev.count[node];
        for (int j = 0; j < n; j++) {
            int o = units[j];
            pn[o] += dpn[o];
            qn[o] += dqn[o];
        }
    }

    /**
     * Applies the op's linear part (the op without its constant term) to the per-node arrays {@code v},
     * writing the node's output into {@code out}; for {@link #scatters() scattering} kernels, which have
     * one input.
     *
     * @param v per-node inputs (only the kernel's input is read)
     * @param out the output, of the node's size
     * @param work the work buffers ({@link #workSize()} each)
     */
    void linearPart(double[][] v, double[] out, double[][] work) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no linear part");
    }

    /**
     * @return for {@link #scatters() scattering} kernels, the number of outputs one input unit feeds (at
     *     most)
     */
    int fanOut() {
        return 0;
    }

    /** @return for {@link #scatters() scattering} kernels, the multiply-adds of a full pass of the node */
    long fullCost() {
        return 0;
    }

    /**
     * Marks the outputs that read changed input units, through {@link IncrementalLineEvaluator#mark};
     * by default the output of the same index (elementwise ops). A unit list never repeats a unit, so
     * when this node has one input and nothing listed yet, the input's list is copied as it is.
     *
     * @param slot which input
     * @param changed the changed units of that input
     * @param n how many
     * @param ev the evaluator
     */
    void touch(int slot, int[] changed, int n, IncrementalLineEvaluator ev) {
        if (inputs.length == 1 && ev.count[node] == 0) {
            System.arraycopy(changed, 0, ev.list[node], 0, n);
            ev.count[node] = n;
            return;
        }
        for (int k = 0; k < n; k++) {
            ev.mark(node, changed[k]);
        }
    }

    /**
     * Recomputes output {@code o} from the current inputs, as a full pass at the evaluator's point would;
     * a piecewise kernel re-decides it and updates its key.
     *
     * @param o output index
     * @param ev the evaluator
     * @param base the id of this node's first decision in the evaluator's queue
     */
    void recompute(int o, IncrementalLineEvaluator ev, int base) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not recompute units");
    }

    /**
     * Recomputes the touched outputs {@code units[0 .. n)} ({@link #recompute}), records the change of
     * each in the evaluator's {@code dp}, {@code dq}, and keeps in {@code units} only those that changed.
     *
     * @param units touched outputs
     * @param n how many
     * @param ev the evaluator
     * @param base the id of this node's first decision in the evaluator's queue
     * @return how many changed (now first in {@code units})
     */
    int recomputeAll(int[] units, int n, IncrementalLineEvaluator ev, int base) {
        double[] py = ev.p[node];
        double[] qy = ev.q[node];
        double[] dpy = ev.dp[node];
        double[] dqy = ev.dq[node];
        int kept = 0;
        for (int j = 0; j < n; j++) {
            int o = units[j];
            double op = py[o];
            double oq = qy[o];
            recompute(o, ev, base);
            kept = keepIfChanged(o, op, oq, py, qy, dpy, dqy, units, kept);
        }
        return kept;
    }

    /**
     * Records the change of output {@code o} from {@code (op, oq)} in {@code dpy}, {@code dqy}, and keeps
     * it in {@code units} if it changed.
     *
     * @return the new number of kept units
     */
    static int keepIfChanged(int o, double op, double oq, double[] py, double[] qy, double[] dpy, double[] dqy,
                             int[] units, int kept) {
        double cp = py[o] - op;
        double cq = qy[o] - oq;
        if (cp != 0.0 || cq != 0.0) {
            dpy[o] = cp;
            dqy[o] = cq;
            units[kept] = o;
            return kept + 1;
        }
        return kept;
    }

    /**
     * The check against rounding drift of a unit about to flip (its value should vanish at the point):
     * the value of output {@code o} recomputed from the inputs, relative to the sum of the magnitudes of
     * its terms; 0 when this kernel never drifts (it recomputes outputs exactly).
     *
     * @param o output index
     * @param p per-node intercepts
     * @param q per-node slopes
     * @param at the point
     * @return {@code |value| / scale}, 0 when the scale is 0
     */
    double rootResidual(int o, double[][] p, double[][] q, double at) {
        return 0;
    }

    /** Relative residual {@code |vp + vq at| / (sp + sq |at|)}. */
    static double residual(double vp, double vq, double sp, double sq, double at) {
        double scale = sp + sq * Math.abs(at);
        return scale == 0 ? 0 : Math.abs(vp + vq * at) / scale;
    }

    /**
     * Kernels of affine ops: the line form is the map applied to the intercepts and, without its constant, the
     * slopes.
     */
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

        /**
         * One output of {@link #apply}, with the same operations in the same order (so the same
         * rounding); only kernels that do not {@link #scatters() scatter} need it.
         *
         * @param v per-node inputs
         * @param o output index
         * @param withConstant whether to add the op's constant term
         * @return the output
         */
        double applyUnit(double[][] v, int o, boolean withConstant) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not recompute units");
        }

        @Override
        void forward(double[][] v, double[][] work) {
            apply(v, v[node], true);
        }

        @Override
        void line(double[][] p, double[][] q, PieceState line, double[][] work) {
            apply(p, p[node], true);
            apply(q, q[node], false);
        }

        @Override
        void linearPart(double[][] v, double[] out, double[][] work) {
            apply(v, out, false);
        }

        @Override
        void recompute(int o, IncrementalLineEvaluator ev, int base) {
            ev.p[node][o] = applyUnit(ev.p, o, true);
            ev.q[node][o] = applyUnit(ev.q, o, false);
        }
    }
}
