package org.salientsi.core.eval;

import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.LineEvaluation;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.ir.Network;

/**
 * What every evaluator on the line \( x(z) = a + c z \) shares: the per-node intercept and slope
 * arrays, the point {@code z} and the piece {@code [lower, upper]}, and the decision rule through which
 * kernels, saliency methods and selectors decide (DESIGN.md section 2).
 *
 * <p>Decision rule: a value \( p + q z \) with \( q \ne 0 \) changes sign at the root \( r = -p/q \);
 * it is taken to be positive just right of {@code z} when \( q > 0 \) and \( r \le z \), or
 * \( q < 0 \) and \( r > z \). A root {@code > z} bounds the piece above, a root {@code <= z} below;
 * so {@code lower <= z < upper} always, and the next piece starts exactly at {@code upper}, where a
 * vanishing value is settled by its slope's sign.
 */
abstract class PieceState implements LineEvaluation {

    /** The compiled network. */
    final CompiledNetwork program;
    /** Nodes computed on the line, in topological order (the input excluded). */
    final int[] order;
    /** Per-node intercepts ({@code null} for nodes not computed). */
    final double[][] p;
    /** Per-node slopes ({@code null} for nodes not computed). */
    final double[][] q;
    /** Scratch buffers of the kernels. */
    final double[][] work;
    /** The evaluation point (walker coordinates). */
    double z;
    double lower;
    double upper;
    /** Companion lines' evaluators, by index (see {@link #companion}). */
    private LineEvaluator[] companions = new LineEvaluator[0];

    PieceState(CompiledNetwork program, int[] order) {
        this.program = program;
        this.order = order;
        Network net = program.network();
        this.work = new double[Kernel.WORK_BUFFERS][program.workSize()];
        this.p = new double[net.size()][];
        this.q = new double[net.size()][];
        int in = net.input();
        p[in] = new double[net.node(in).shape().size()];
        q[in] = new double[p[in].length];
        for (int id : order) {
            int size = net.node(id).shape().size();
            p[id] = new double[size];
            q[id] = new double[size];
        }
    }

    /**
     * Sets the line.
     *
     * @param a input intercepts (CHW)
     * @param c input slopes (CHW)
     */
    public void setLine(double[] a, double[] c) {
        int in = program.network().input();
        if (a.length != p[in].length || c.length != p[in].length) {
            throw new ShapeMismatchException("line needs " + p[in].length + " input values, got " + a.length + " and "
                    + c.length);
        }
        System.arraycopy(a, 0, p[in], 0, a.length);
        System.arraycopy(c, 0, q[in], 0, c.length);
    }

    static void checkFinite(double at) {
        if (!Double.isFinite(at)) {
            throw new NumericalBreakdownException("line evaluation at a non-finite z: " + at);
        }
    }

    @Override
    public Network network() {
        return program.network();
    }

    /**
     * Evaluates companion {@code index} (its own evaluator, made on first use) on its line at this piece's
     * {@code z} and narrows this piece to the companion's.
     */
    @Override
    public Piece companion(int index, int[] requiredNodes, double[] intercept, double[] slope) {
        if (index < 0) {
            throw new IllegalArgumentException("companion index " + index);
        }
        if (index >= companions.length) {
            companions = java.util.Arrays.copyOf(companions, Math.max(index + 1, 2 * companions.length));
        }
        LineEvaluator line = companions[index];
        if (line == null) {
            line = program.lineEvaluator(requiredNodes);
            companions[index] = line;
        }
        line.setLine(intercept, slope);
        line.evaluate(z);
        narrow(line.lower(), line.upper());
        return line;
    }

    @Override
    public double z() {
        return z;
    }

    @Override
    public double lower() {
        return lower;
    }

    @Override
    public double upper() {
        return upper;
    }

    /**
     * @param node a node id
     * @return whether this evaluator computes the node on the line
     */
    public boolean evaluates(int node) {
        return p[node] != null;
    }

    @Override
    public double[] intercept(int node) {
        double[] v = p[node];
        if (v == null) {
            throw new IllegalStateException("node " + node + " is not evaluated on the line");
        }
        return v;
    }

    @Override
    public double[] slope(int node) {
        double[] v = q[node];
        if (v == null) {
            throw new IllegalStateException("node " + node + " is not evaluated on the line");
        }
        return v;
    }

    @Override
    public void narrow(double lo, double hi) {
        lower = Math.max(lower, lo);
        upper = Math.min(upper, hi);
    }

    @Override
    public boolean positive(double pv, double qv) {
        if (qv == 0.0) {
            return pv >= 0.0;
        }
        double r = -pv / qv;
        if (qv > 0) {
            if (r <= z) {
                if (r > lower) {
                    lower = r;
                }
                return true;
            }
            if (r < upper) {
                upper = r;
            }
            return false;
        }
        if (r > z) {
            if (r < upper) {
                upper = r;
            }
            return true;
        }
        if (r > lower) {
            lower = r;
        }
        return false;
    }

    @Override
    public int argmax(double[] pv, double[] qv, int from, int to, int step) {
        if (step < 1 || from < 0 || to > pv.length || from >= to) {
            throw new IllegalArgumentException("argmax over an empty or invalid range [" + from + ", " + to + ") step "
                    + step);
        }
        int best = winner(pv, qv, null, from, to, step, z);
        constrainWinner(pv, qv, null, from, to, step, best);
        return best;
    }

    /**
     * Arg-max over {@code pv[idx[k]] + qv[idx[k]] z}, {@code k} in {@code [from, to)}.
     *
     * @return the winning index into {@code pv} (that is, {@code idx[k]})
     */
    int argmaxOf(double[] pv, double[] qv, int[] idx, int from, int to) {
        int best = winner(pv, qv, idx, from, to, 1, z);
        constrainWinner(pv, qv, idx, from, to, 1, best);
        return best;
    }

    /**
     * The largest value just right of {@code at}: the largest value at {@code at}, among values within
     * rounding of it the largest slope, then the lowest index.
     */
    static int winner(double[] pv, double[] qv, int[] idx, int from, int to, int step, double at) {
        double max = Double.NEGATIVE_INFINITY;
        double scale = 0;
        for (int k = from; k < to; k += step) {
            int i = idx == null ? k : idx[k];
            double v = pv[i] + qv[i] * at;
            if (v > max) {
                max = v;
            }
            scale = Math.max(scale, Math.abs(pv[i]) + Math.abs(qv[i] * at));
        }
        if (!Double.isFinite(max)) {
            throw new NumericalBreakdownException("non-finite value in an arg-max at z = " + at);
        }
        double tol = 1e-13 * scale;
        int best = -1;
        for (int k = from; k < to; k += step) {
            int i = idx == null ? k : idx[k];
            double v = pv[i] + qv[i] * at;
            if (v >= max - tol && (best < 0 || qv[i] > qv[best])) {
                best = i;
            }
        }
        return best;
    }

    private void constrainWinner(double[] pv, double[] qv, int[] idx, int from, int to, int step, int best) {
        double pb = pv[best];
        double qb = qv[best];
        for (int k = from; k < to; k += step) {
            int j = idx == null ? k : idx[k];
            if (j == best) {
                continue;
            }
            double dq = qb - qv[j];
            if (dq == 0.0) {
                continue;
            }
            double r = -(pb - pv[j]) / dq;
            if (dq < 0) {
                // the rival rises faster: the winner holds for z' < r
                if (r < upper) {
                    upper = r > z ? r : Math.nextUp(z);
                }
            } else if (r > lower) {
                // the winner holds for z' > r
                lower = Math.min(r, z);
            }
        }
    }

    /**
     * The upper end that the winner of a window imposes (the same as {@link #constrainWinner} narrows
     * to): the nearest root ahead of {@code at} of a rival that rises faster.
     */
    static double winnerBound(double[] pv, double[] qv, int[] idx, int from, int to, int best, double at) {
        double pb = pv[best];
        double qb = qv[best];
        double bound = Double.POSITIVE_INFINITY;
        for (int k = from; k < to; k++) {
            int j = idx[k];
            if (j == best) {
                continue;
            }
            double dq = qb - qv[j];
            if (dq < 0) {
                double r = -(pb - pv[j]) / dq;
                if (Double.isNaN(r)) {
                    continue;
                }
                double u = r > at ? r : Math.nextUp(at);
                if (u < bound) {
                    bound = u;
                }
            }
        }
        return bound;
    }
}
