package org.salientsi.core.eval;

import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.ir.Network;

/**
 * Bounds every evaluated node of a network over a whole segment {@code [from, to]} of the line
 * \( x(z) = a + c z \) by symbolic interval propagation in centre-radius form ({@link LineBounds}):
 * a linear layer maps the centre exactly and the radius through its absolute weights (the same
 * bounds as splitting the weights by sign); a ReLU or leaky ReLU whose input keeps its sign on the
 * segment passes it on, else it is relaxed by the chord above and by the identity or the scaled input
 * below (whichever is tighter, as in DeepPoly); a max-pool window passes on a unit that surely wins,
 * else it is bounded below by the unit with the largest lower bound and above by a constant.
 *
 * <p>The smooth ops ({@link SmoothKernel}: sigmoid, tanh, exp, erf, GELU, softmax, layer normalisation,
 * products, quotients and matrix products of data-dependent tensors) are bounded by linear relaxations in
 * the one variable z ({@link SegmentRelaxation}): tangents and chords where a function is convex or
 * concave on its input's range, derivative bounds elsewhere, McCormick's envelopes for products. Their
 * output lines are widened by an outward margin of {@value SegmentRelaxation#RELATIVE_MARGIN} times the
 * magnitude of their terms plus {@value SegmentRelaxation#ABSOLUTE_MARGIN}, which covers the rounding of
 * the relaxations and of the functions' evaluations. A bound that cannot be finite (an exponential that
 * overflows, a divisor whose range holds 0) is the whole line (centre 0, radius \( +\infty \)), and
 * so is every node computed from it that would otherwise be NaN: never NaN, and a caller that meets an
 * infinite radius cannot certify anything from it.
 *
 * <p>Supported: every IR op, except leaky ReLU with a slope outside [0, 1] ({@link #supported()} says).
 * One evaluator per search; not thread-safe; nothing is allocated per evaluation. The bounds of the
 * piecewise-linear ops hold for the exact network; their rounding is a few ulps of the values, far
 * below the margins the selectors keep.
 */
public final class SegmentEvaluator implements LineBounds {

    private final CompiledNetwork program;
    private final CompiledNetwork absolute;
    private final int[] order;
    private final double[][] mp;
    private final double[][] mq;
    private final double[][] rp;
    private final double[][] rq;
    private final double[][] work;
    private final double[][] boundWork;
    private final SegmentRelaxation relax;
    private final boolean supported;
    private double from;
    private double to;

    SegmentEvaluator(CompiledNetwork program, CompiledNetwork absolute, int[] order) {
        this.program = program;
        this.absolute = absolute;
        this.order = order;
        Network net = program.network();
        this.work = new double[Kernel.WORK_BUFFERS][Math.max(program.workSize(), absolute.workSize())];
        this.mp = new double[net.size()][];
        this.mq = new double[net.size()][];
        this.rp = new double[net.size()][];
        this.rq = new double[net.size()][];
        this.boundWork = new double[Kernel.WORK_BUFFERS][program.boundWorkSize()];
        this.relax = new SegmentRelaxation(mp, mq, rp, rq);
        int in = net.input();
        allocate(in, net.node(in).shape().size());
        boolean ok = true;
        for (int id : order) {
            allocate(id, net.node(id).shape().size());
            ok &= supports(program.kernel(id));
        }
        this.supported = ok;
    }

    /** @return whether a kernel's node can be bounded on a segment */
    static boolean supports(Kernel k) {
        return !(k instanceof ReluKernel r && !(r.alpha() >= 0 && r.alpha() <= 1));
    }

    private void allocate(int id, int size) {
        mp[id] = new double[size];
        mq[id] = new double[size];
        rp[id] = new double[size];
        rq[id] = new double[size];
    }

    /** @return whether every evaluated node can be bounded */
    public boolean supported() {
        return supported;
    }

    /**
     * Sets the line.
     *
     * @param a input intercepts (CHW)
     * @param c input slopes (CHW)
     */
    public void setLine(double[] a, double[] c) {
        int in = program.network().input();
        if (a.length != mp[in].length || c.length != mp[in].length) {
            throw new ShapeMismatchException("line needs " + mp[in].length + " input values, got " + a.length
                    + " and " + c.length);
        }
        System.arraycopy(a, 0, mp[in], 0, a.length);
        System.arraycopy(c, 0, mq[in], 0, c.length);
    }

    /**
     * Bounds every evaluated node over {@code [from, to]}.
     *
     * @param lo the segment's left end
     * @param hi its right end, {@code >= lo}
     * @throws IllegalStateException if the network is not {@link #supported()}
     */
    public void bound(double lo, double hi) {
        if (!supported) {
            throw new IllegalStateException("the network has a node that cannot be bounded on a segment");
        }
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("segment [" + lo + ", " + hi + "]");
        }
        this.from = lo;
        this.to = hi;
        relax.segment(lo, hi);
        for (int id : order) {
            Kernel k = program.kernel(id);
            if (k instanceof SmoothKernel s) {
                s.bound(relax, boundWork);
            } else if (k instanceof ReluKernel r) {
                relu(id, k.inputs[0], r.alpha());
            } else if (k instanceof MaxPoolKernel m) {
                maxPool(id, k.inputs[0], m.windows());
            } else {
                // linear: centre through the layer, radius through its absolute weights (no constant)
                k.line(mp, mq, null, work);
                absolute.kernel(id).line(rp, rq, null, work);
            }
            if (relax.unbounded) {
                relax.sanitize(id);
            }
        }
    }

    private double min(double p, double q) {
        return Math.min(p + q * from, p + q * to);
    }

    private double max(double p, double q) {
        return Math.max(p + q * from, p + q * to);
    }

    private void relu(int id, int in, double alpha) {
        double[] xmp = mp[in];
        double[] xmq = mq[in];
        double[] xrp = rp[in];
        double[] xrq = rq[in];
        double[] ymp = mp[id];
        double[] ymq = mq[id];
        double[] yrp = rp[id];
        double[] yrq = rq[id];
        for (int i = 0; i < ymp.length; i++) {
            double lp = xmp[i] - xrp[i];
            double lq = xmq[i] - xrq[i];
            double up = xmp[i] + xrp[i];
            double uq = xmq[i] + xrq[i];
            double l = min(lp, lq);
            double u = max(up, uq);
            if (l >= 0) {
                ymp[i] = xmp[i];
                ymq[i] = xmq[i];
                yrp[i] = xrp[i];
                yrq[i] = xrq[i];
                continue;
            }
            if (u <= 0) {
                ymp[i] = alpha * xmp[i];
                ymq[i] = alpha * xmq[i];
                yrp[i] = alpha * xrp[i];
                yrq[i] = alpha * xrq[i];
                continue;
            }
            // chord from (l, alpha l) to (u, u) above; x or alpha x below, whichever is tighter
            double lambda = (u - alpha * l) / (u - l);
            double nup = alpha * l + lambda * (up - l);
            double nuq = lambda * uq;
            double nlp;
            double nlq;
            if (u > -l) {
                nlp = lp;
                nlq = lq;
            } else {
                nlp = alpha * lp;
                nlq = alpha * lq;
            }
            ymp[i] = 0.5 * (nup + nlp);
            ymq[i] = 0.5 * (nuq + nlq);
            yrp[i] = 0.5 * (nup - nlp);
            yrq[i] = 0.5 * (nuq - nlq);
        }
    }

    private void maxPool(int id, int in, WindowTable windows) {
        double[] xmp = mp[in];
        double[] xmq = mq[in];
        double[] xrp = rp[in];
        double[] xrq = rq[in];
        int[] idx = windows.index;
        int[] start = windows.start;
        for (int o = 0; o < mp[id].length; o++) {
            int best = -1;
            double bestLow = Double.NEGATIVE_INFINITY;
            double top = Double.NEGATIVE_INFINITY;
            double rivalTop = Double.NEGATIVE_INFINITY;
            for (int k = start[o]; k < start[o + 1]; k++) {
                int x = idx[k];
                double low = min(xmp[x] - xrp[x], xmq[x] - xrq[x]);
                double high = max(xmp[x] + xrp[x], xmq[x] + xrq[x]);
                if (best < 0 || low > bestLow) {
                    if (best >= 0) {
                        rivalTop = Math.max(rivalTop, top);
                    }
                    best = x;
                    bestLow = low;
                    top = high;
                } else {
                    rivalTop = Math.max(rivalTop, high);
                }
            }
            if (bestLow >= rivalTop) {
                // the best unit wins on the whole segment
                mp[id][o] = xmp[best];
                mq[id][o] = xmq[best];
                rp[id][o] = xrp[best];
                rq[id][o] = xrq[best];
                continue;
            }
            double u = Math.max(top, rivalTop);
            double lp = xmp[best] - xrp[best];
            double lq = xmq[best] - xrq[best];
            mp[id][o] = 0.5 * (u + lp);
            mq[id][o] = 0.5 * lq;
            rp[id][o] = 0.5 * (u - lp);
            rq[id][o] = -0.5 * lq;
        }
    }

    @Override
    public Network network() {
        return program.network();
    }

    @Override
    public double lowest(double p, double q) {
        return Math.min(p + q * from, p + q * to);
    }

    @Override
    public double highest(double p, double q) {
        return Math.max(p + q * from, p + q * to);
    }

    /** @return the segment's left end (walker coordinates) */
    public double from() {
        return from;
    }

    /** @return the segment's right end (walker coordinates) */
    public double to() {
        return to;
    }

    @Override
    public double[] centreIntercept(int node) {
        return view(mp, node);
    }

    @Override
    public double[] centreSlope(int node) {
        return view(mq, node);
    }

    @Override
    public double[] radiusIntercept(int node) {
        return view(rp, node);
    }

    @Override
    public double[] radiusSlope(int node) {
        return view(rq, node);
    }

    private static double[] view(double[][] v, int node) {
        double[] a = v[node];
        if (a == null) {
            throw new IllegalStateException("node " + node + " is not bounded on the segment");
        }
        return a;
    }
}
