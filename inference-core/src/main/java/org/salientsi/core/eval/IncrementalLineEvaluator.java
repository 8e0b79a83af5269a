package org.salientsi.core.eval;

import org.salientsi.api.ir.Network;

/**
 * Walks the line \( x(z) = a + c z \) from piece to piece without a full pass per piece (DESIGN.md
 * section 2, "Incremental walking"). Every piecewise decision of the network (a ReLU unit's sign, a
 * max-pool window's winner) sits in a priority queue ({@link DecisionQueue}) keyed by its root ahead of
 * the current point. {@link #advance} moves to the next point: at a breakpoint it pops every decision whose root
 * is there (ties are real: nearest upsampling copies a value to a block), re-decides them by the rule
 * of {@link LineEvaluator}, and pushes the change in {@code (p, q)} forward only through what it
 * touches: a convolution spreads a changed unit to its {@code kh x kw x C_out} neighbourhood, a ReLU
 * that stays inactive stops it (only its root moves), a max pool passes it only from its winner,
 * global pooling turns it into a few numbers. The roots of the touched decisions are updated in the
 * queue (in constant time on average), and the next breakpoint is its smallest key.
 *
 * <p>Linear ops with a large fan-in (convolution, dense, average pooling) add weighted changes, which
 * accumulate rounding, or recompute the whole node when so many inputs changed that this is cheaper;
 * every other op recomputes its touched outputs exactly (an affine one the whole node, as a full pass
 * would, when a breakpoint touches more than a quarter of its units). A full pass (the same arithmetic
 * as {@link LineEvaluator}, so bitwise the same values) is run at the start, every
 * {@link #refreshInterval()} network breakpoints, and when a check fails: a ReLU unit about to flip must
 * have a value that vanishes at its root when recomputed from its inputs. (Measured on the paper's
 * 64x64 model: after 16,000 breakpoints without a full pass, intercepts and slopes still agree with a
 * full pass to 1.2e-15 of the node's magnitude.) Roots beyond the walk's {@link #setHorizon horizon}
 * stay out of the queue.
 *
 * <p>The network's decisions give the piece's upper end; saliency methods and selectors narrow it
 * further through {@link #positive} and {@link #argmax}, as with {@link LineEvaluator}. The piece's
 * lower end is reported as the point itself (a conservative start: the walk never looks back).
 *
 * <p>Not thread-safe; one evaluator per search. Nothing is allocated after construction.
 */
public final class IncrementalLineEvaluator extends PieceState {

    /** Default number of network breakpoints between full passes. */
    public static final int DEFAULT_REFRESH = 512;
    /** Largest relative residual a flipping unit may have at its root before a full pass is forced. */
    static final double ROOT_TOLERANCE = 1e-9;
    /**
     * Cost of one scattered multiply-add relative to one of a full pass of a linear node (which runs on
     * contiguous rows); a node is recomputed whole when scattering would cost more.
     */
    private static final long SCATTER_COST = 4;

    /**
     * Per node: intercept and slope changes of the units changed in this round (valid at the listed
     * units; a node whose kernel adds into them, {@link #add}, keeps them zero between rounds).
     */
    final double[][] dp;
    final double[][] dq;
    /** Per node: whether a scattering kernel reads its {@code dp}, {@code dq} (else they need not be set). */
    final boolean[] deltaRead;
    /** Per node: whether its kernel adds into its {@code dp}, {@code dq}, which must then be zeroed after a round. */
    private final boolean[] addsInPlace;
    /**
     * Per node: the units touched in this round (never one twice), and how many. A unit listed through
     * {@link #mark} or {@link #add} is stamped with the round; one listed otherwise is not.
     */
    final int[][] list;
    final int[] count;
    /** Per node: the round in which each unit was last listed through {@link #mark} or {@link #add}. */
    final int[][] stamp;
    /** Per node: the scratch of its kernel's scattering ({@link Kernel#newScatterScratch()}), or null. */
    final ScatterScratch[] scratch;
    int round;
    /** Per node: id of its first decision in the queue, or -1. */
    private final int[] base;
    /** Decision nodes by increasing base, and their bases (for id lookup). */
    private final int[] decisionNode;
    private final int[] decisionBase;
    /** Per node: the most units a round may touch before recomputing a whole affine node is cheaper. */
    private final int[] budget;
    /** Dense slope changes of one input ({@link #applySlopeChange}), and the per-node view that holds it. */
    private final double[] deltaIn;
    private final double[][] deltaView;
    /** The queue of decisions by root. */
    final DecisionQueue queue;

    private double horizon = Double.POSITIVE_INFINITY;
    private boolean horizonGrew;
    private int refreshEvery = DEFAULT_REFRESH;
    private int sinceFullPass;
    private long fullPasses;
    private long breakpoints;
    private long residualFailures;
    private long overBudget;
    private long touched;
    private long denseUpdates;
    private long scatteredUpdates;
    private long slopeUpdates;

    IncrementalLineEvaluator(CompiledNetwork program, int[] order) {
        super(program, order);
        Network net = program.network();
        int nodes = net.size();
        this.dp = new double[nodes][];
        this.dq = new double[nodes][];
        this.list = new int[nodes][];
        this.count = new int[nodes];
        this.stamp = new int[nodes][];
        this.scratch = new ScatterScratch[nodes];
        this.deltaRead = new boolean[nodes];
        this.addsInPlace = new boolean[nodes];
        this.base = new int[nodes];
        this.budget = new int[nodes];
        java.util.Arrays.fill(base, -1);
        int decisions = 0;
        int decisionNodes = 0;
        for (int id : order) {
            int size = p[id].length;
            dp[id] = new double[size];
            dq[id] = new double[size];
            list[id] = new int[size];
            stamp[id] = new int[size];
            budget[id] = Math.max(1024, size / 4);
            Kernel kernel = program.kernel(id);
            scratch[id] = kernel.newScatterScratch();
            addsInPlace[id] = kernel.scatters() && scratch[id] == null;
            if (kernel.scatters()) {
                for (int in : kernel.inputs) {
                    deltaRead[in] = true;
                }
            }
            int d = program.kernel(id).decisions();
            if (d > 0) {
                base[id] = decisions;
                decisions += d;
                decisionNodes++;
            }
        }
        this.decisionNode = new int[decisionNodes];
        this.decisionBase = new int[decisionNodes];
        int k = 0;
        for (int id : order) {
            if (base[id] >= 0) {
                decisionNode[k] = id;
                decisionBase[k] = base[id];
                k++;
            }
        }
        this.queue = new DecisionQueue(decisions);
        int largestInput = 0;
        for (int id : order) {
            if (program.kernel(id).scatters()) {
                for (int in : program.kernel(id).inputs) {
                    largestInput = Math.max(largestInput, p[in].length);
                }
            }
        }
        this.deltaIn = new double[largestInput];
        this.deltaView = new double[nodes][];
    }

    /**
     * Evaluates the network by a full pass on the piece that starts at {@code at} (to its right).
     *
     * @param at the point
     */
    public void evaluate(double at) {
        checkFinite(at);
        fullPass(at);
    }

    /**
     * Moves to the piece that starts at {@code to}, which must lie in {@code [z, u]} where {@code u} is
     * the upper end that the network's decisions gave the current piece (before a method or selector
     * narrowed it): the walk may stop short of the next breakpoint (a selector's root, the end of the
     * range) but never skip one. At a breakpoint of the network the decisions there flip and their
     * changes propagate; elsewhere nothing in the network changes.
     *
     * @param to the new point
     * @throws IllegalArgumentException if {@code to} is behind the current point or past the next
     *     breakpoint of the network
     */
    public void advance(double to) {
        checkFinite(to);
        double next = queue.minKey();
        if (to < z || to > next) {
            throw new IllegalArgumentException("advance to " + to + " from " + z + " would skip the network's "
                    + "breakpoint at " + next);
        }
        z = to;
        if (horizonGrew) {
            fullPass(to);
            return;
        }
        if (to == next) {
            breakpoints++;
            if (++sinceFullPass >= refreshEvery || !update()) {
                fullPass(to);
                return;
            }
        }
        lower = to;
        upper = queue.minKey();
    }

    /**
     * Sets where the walk stops (walker coordinates): roots beyond it are never reached, so they stay out
     * of the queue and their moves cost nothing. The upper end of a piece that no root within the horizon
     * bounds is then {@code +inf} (after a full pass it is still the nearest root, wherever it lies). A
     * horizon that grows takes effect through a full pass at the next {@link #advance}.
     *
     * @param value the horizon, {@code +inf} for none (the default)
     */
    public void setHorizon(double value) {
        if (value > horizon) {
            horizonGrew = true;
        }
        horizon = value;
        queue.setHorizon(value);
    }

    /**
     * @return the upper end that the network's decisions alone give the current piece (the next
     *     breakpoint of the network)
     */
    public double networkUpper() {
        return queue.minKey();
    }

    /**
     * @param breakpoints a full pass every this many network breakpoints, {@code >= 1} (1: at every one;
     *     the default is {@link #DEFAULT_REFRESH})
     */
    public void setRefreshInterval(int breakpoints) {
        if (breakpoints < 1) {
            throw new IllegalArgumentException("refresh interval must be >= 1, got " + breakpoints);
        }
        refreshEvery = breakpoints;
    }

    /** @return the number of network breakpoints between full passes */
    public int refreshInterval() {
        return refreshEvery;
    }

    /** @return full passes run so far (the first, the periodic ones and the forced ones) */
    public long fullPasses() {
        return fullPasses;
    }

    /** @return network breakpoints passed so far */
    public long breakpoints() {
        return breakpoints;
    }

    /** @return breakpoints at which a flipping unit failed the root check (each forced a full pass) */
    public long residualFailures() {
        return residualFailures;
    }

    /**
     * @return affine nodes that rounds touched so widely that they recomputed them whole (a full pass of
     *     the node, not of the network)
     */
    public long overBudget() {
        return overBudget;
    }

    /** @return nodes recomputed whole by incremental rounds so far (linear ones and {@link #overBudget()}) */
    public long denseUpdates() {
        return denseUpdates;
    }

    /** @return linear nodes updated by scattering the changes of their inputs, by incremental rounds so far */
    public long scatteredUpdates() {
        return scatteredUpdates;
    }

    /**
     * @return linear nodes updated whole from the slope changes of their input alone (the intercept
     *     changes following from continuity), by incremental rounds so far
     */
    public long slopeUpdates() {
        return slopeUpdates;
    }

    /** @return units recomputed or updated by incremental rounds so far */
    public long touchedUnits() {
        return touched;
    }

    private void fullPass(double at) {
        z = at;
        lower = Double.NEGATIVE_INFINITY;
        upper = Double.POSITIVE_INFINITY;
        for (int id : order) {
            Kernel k = program.kernel(id);
            k.fullPass(this, base[id]);
        }
        double nearest = queue.rebuild();
        lower = at;
        upper = nearest;
        sinceFullPass = 0;
        horizonGrew = false;
        fullPasses++;
    }

    /**
     * One incremental round at the breakpoint {@code z}.
     *
     * @return false if a full pass is needed instead (a check failed)
     */
    private boolean update() {
        if (++round == Integer.MAX_VALUE) {
            for (int id : order) {
                java.util.Arrays.fill(stamp[id], 0);
            }
            round = 1;
        }
        boolean ok = popDecisions();
        if (ok) {
            propagate();
        }
        clearRound();
        return ok;
    }

    /** Pops every decision whose root is at {@code z} and marks it for re-decision. */
    private boolean popDecisions() {
        while (queue.size() > 0 && queue.minKey() <= z) {
            int id = queue.pop();
            int k = decisionNode.length - 1;
            while (decisionBase[k] > id) {
                k--;
            }
            int node = decisionNode[k];
            int unit = id - decisionBase[k];
            Kernel kernel = program.kernel(node);
            if (kernel instanceof ReluKernel) {
                Kernel producer = program.kernel(kernel.inputs[0]);
                if (producer != null && producer.rootResidual(unit, p, q, z) > ROOT_TOLERANCE) {
                    residualFailures++;
                    return false;
                }
            }
            mark(node, unit);
        }
        return true;
    }

    private void propagate() {
        for (int id : order) {
            Kernel k = program.kernel(id);
            int[] in = k.inputs;
            if (k.scatters()) {
                long changedInputs = 0;
                for (int src : in) {
                    changedInputs += count[src];
                }
                if (changedInputs == 0) {
                    continue;
                }
                if (2 * changedInputs * k.fanOut() * SCATTER_COST > k.fullCost()) {
                    applySlopeChange(id, k);
                } else {
                    for (int slot = 0; slot < in.length; slot++) {
                        int src = in[slot];
                        if (count[src] > 0) {
                            k.scatter(slot, list[src], count[src], dp[src], dq[src], this);
                        }
                    }
                    k.applyScattered(this);
                    scatteredUpdates++;
                }
                touched += count[id];
                continue;
            }
            for (int slot = 0; slot < in.length; slot++) {
                int src = in[slot];
                if (count[src] > 0) {
                    k.touch(slot, list[src], count[src], this);
                }
            }
            int n = count[id];
            if (n == 0) {
                continue;
            }
            if (n > budget[id] && k.decisions() == 0) {
                overBudget++;
                touched += size(id);
                recomputeWhole(id, k);
                continue;
            }
            touched += n;
            count[id] = k.recomputeAll(list[id], n, this, base[id]);
        }
    }

    private int size(int id) {
        return p[id].length;
    }

    /**
     * Recomputes a whole node without decisions from its inputs, by the node's full pass (when so many
     * inputs changed that scattering, or recomputing the touched units one by one, would cost more), and
     * lists the outputs that changed with their changes.
     */
    private void recomputeWhole(int id, Kernel k) {
        double[] pn = p[id];
        double[] qn = q[id];
        double[] dpn = dp[id];
        double[] dqn = dq[id];
        System.arraycopy(pn, 0, dpn, 0, pn.length);
        System.arraycopy(qn, 0, dqn, 0, qn.length);
        k.line(p, q, this, work);
        int[] units = list[id];
        int[] st = stamp[id];
        int n = 0;
        for (int o = 0; o < pn.length; o++) {
            double cp = pn[o] - dpn[o];
            double cq = qn[o] - dqn[o];
            dpn[o] = cp;
            dqn[o] = cq;
            if (cp != 0.0 || cq != 0.0) {
                units[n++] = o;
                st[o] = round;
            }
        }
        count[id] = n;
        denseUpdates++;
    }

    /**
     * Updates a whole scattering node from the slope changes of its input alone, when so many input units
     * changed that scattering would cost more: at a breakpoint {@code z*} every unit's value is continuous,
     * so every change satisfies {@code dp = -z* dq} (a flipping ReLU unit changes by {@code +-(p + q z)},
     * which vanishes at its root; linear ops keep the proportion). The node's slope change is its op's
     * linear part applied to the input's slope changes (half the work of recomputing intercepts and slopes
     * from the inputs), and its intercept change follows. The relation holds in exact arithmetic; the
     * rounding it adds is of the kind scattering adds, caught by the root check and cleared by the
     * periodic full pass.
     */
    private void applySlopeChange(int id, Kernel k) {
        int src = k.inputs[0];
        double[] in = deltaIn;
        java.util.Arrays.fill(in, 0, size(src), 0.0);
        int[] changed = list[src];
        double[] dqs = dq[src];
        for (int j = 0; j < count[src]; j++) {
            int u = changed[j];
            in[u] = dqs[u];
        }
        deltaView[src] = in;
        double[] dpn = dp[id];
        double[] dqn = dq[id];
        k.linearPart(deltaView, dqn, work);
        deltaView[src] = null;
        double[] pn = p[id];
        double[] qn = q[id];
        int[] units = list[id];
        int[] st = stamp[id];
        double at = z;
        int n = 0;
        for (int o = 0; o < pn.length; o++) {
            double cq = dqn[o];
            if (cq != 0.0) {
                double cp = -at * cq;
                dpn[o] = cp;
                pn[o] += cp;
                qn[o] += cq;
                units[n++] = o;
                st[o] = round;
            } else {
                dpn[o] = 0.0;
            }
        }
        count[id] = n;
        slopeUpdates++;
    }

    /** Empties the unit lists, and zeroes the changes of the nodes that {@link #add} into them. */
    private void clearRound() {
        for (int id : order) {
            int n = count[id];
            if (n == 0) {
                continue;
            }
            count[id] = 0;
            if (!addsInPlace[id]) {
                continue;
            }
            double[] dpn = dp[id];
            double[] dqn = dq[id];
            int[] units = list[id];
            for (int j = 0; j < n; j++) {
                int o = units[j];
                dpn[o] = 0.0;
                dqn[o] = 0.0;
            }
        }
    }

    /**
     * Marks output {@code o} of {@code node} as touched in this round.
     *
     * @param node a node
     * @param o an output index
     */
    void mark(int node, int o) {
        int[] st = stamp[node];
        if (st[o] != round) {
            st[o] = round;
            list[node][count[node]++] = o;
        }
    }

    /**
     * Adds a change to output {@code o} of {@code node} (scattering kernels).
     *
     * @param node a node
     * @param o an output index
     * @param vp intercept change
     * @param vq slope change
     */
    void add(int node, int o, double vp, double vq) {
        int[] st = stamp[node];
        if (st[o] != round) {
            st[o] = round;
            list[node][count[node]++] = o;
        }
        dp[node][o] += vp;
        dq[node][o] += vq;
    }

    @Override
    public String toString() {
        return "IncrementalLineEvaluator[" + queue.size() + " roots ahead of z = " + z + "]";
    }
}
