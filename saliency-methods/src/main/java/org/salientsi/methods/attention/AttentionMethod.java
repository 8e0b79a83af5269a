package org.salientsi.methods.attention;

import java.util.List;
import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.Piece;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.methods.support.MethodProvider;
import org.salientsi.methods.support.TargetUnit;

/**
 * The attention of a Vision Transformer's class token to the image patches: row 0 (the class token's
 * query) of an attention block's probabilities \( A \) of shape {@code (heads, N, N)}, columns
 * {@code 1..N-1} (the patches, row-major on a square grid), fused over the heads ({@link HeadFusion}: mean by
 * default) and spread over each patch's pixels. With {@code rollout=true}, the class token's row of the
 * attention rollout over the blocks up to the chosen one ({@link Rollout}, Abnar and Zuidema 2020) instead.
 * Values are probabilities, in {@code [0, 1]}.
 *
 * <p>The map is smooth in the input, not piecewise linear: it has point maps and bounds over segments of
 * the test line ({@link Capabilities#BOUNDS_MAPS}) from the softmax nodes' bounds, which the certified
 * search uses; it has no map on linear pieces ({@link #lineMap} throws). The map does not depend on a
 * target class, so it makes no data-dependent choice and {@link #choicesHold} is true on every segment; the
 * reported target is the arg-max of the logits, for information only (not part of the selection event).
 *
 * <p>Options: {@code attention-node} names the softmax (default: the last attention softmax of the
 * network); {@code rollout} ({@code true} or {@code false}, default false); {@code heads} ({@code mean} or
 * {@code max}) or {@code head} (one head's index). The token count must be one more than a square and the
 * grid's side must divide the image's sides (else a {@link org.salientsi.api.error.ShapeMismatchException}).
 */
public final class AttentionMethod implements SaliencyMethod {

    /** The method's name. */
    public static final String NAME = "attention";
    /** Option naming the attention softmax. */
    public static final String NODE = "attention-node";
    /** Option choosing the rollout over the blocks. */
    public static final String ROLLOUT = "rollout";
    /** Option choosing how heads are fused: mean or max. */
    public static final String HEADS = "heads";
    /** Option choosing one head. */
    public static final String HEAD = "head";

    private final int[] blocks;
    private final int[] heads;
    private final int tokens;
    private final boolean rollout;
    private final HeadFusion fusion;
    private final PatchGrid grid;
    private final int logits;
    private final int outputs;
    private final ThreadLocal<Scratch> scratch;

    private AttentionMethod(Network network, Parameters parameters) {
        this.rollout = rollout(parameters);
        this.fusion = HeadFusion.parse(parameters.get(HEADS).orElse(null), parameters.get(HEAD).orElse(null));
        List<Node> chosen = AttentionLayers.chosen(network, parameters.get(NODE).orElse(null), rollout);
        this.blocks = new int[chosen.size()];
        this.heads = new int[chosen.size()];
        for (int b = 0; b < blocks.length; b++) {
            Node n = chosen.get(b);
            blocks[b] = n.id();
            heads[b] = n.shape().channels();
            fusion.check(heads[b], n.name());
        }
        Node last = chosen.get(chosen.size() - 1);
        this.tokens = last.shape().height();
        TensorShape in = network.inputShape();
        this.grid = PatchGrid.of(tokens, in.height(), in.width(), last.name());
        Node logitNode = TargetUnit.logitNode(network);
        this.logits = logitNode.id();
        this.outputs = logitNode.shape().size();
        int n = tokens;
        boolean matrices = rollout;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(n, matrices));
    }

    private static boolean rollout(Parameters parameters) {
        String v = parameters.get(ROLLOUT).orElse("false").trim();
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new InvalidInputException("method option " + ROLLOUT + " must be true or false, got '" + v + "'");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.BOUNDS_MAPS);
    }

    /** @return the attention nodes read: the chosen one, preceded by the earlier blocks for a rollout */
    @Override
    public int[] requiredNodes() {
        return blocks.clone();
    }

    /** @return the token count {@code N} (the class token and the patches) */
    public int tokens() {
        return tokens;
    }

    /** @return whether the map is the rollout over the blocks */
    public boolean rollout() {
        return rollout;
    }

    /**
     * The map at a point. Its target is the arg-max of the logits when the evaluation holds them (a point
     * evaluation of the whole network does), else 0; it plays no part in the map.
     */
    @Override
    public SaliencyMap map(PointEvaluation at) {
        Scratch s = scratch.get();
        double[] row = classRow(at, s);
        double[] out = new double[grid.height() * grid.width()];
        grid.expand(row, out);
        return new SaliencyMap(grid.height(), grid.width(), out, argmax(at), false);
    }

    /**
     * The class token's row over all {@code N} tokens (token 0 included) at a point.
     *
     * @param at the network at a point
     * @return {@code N} values (a fresh array)
     */
    public double[] classTokenRow(PointEvaluation at) {
        return classRow(at, scratch.get()).clone();
    }

    private double[] classRow(PointEvaluation at, Scratch s) {
        int n = tokens;
        int last = blocks.length - 1;
        if (!rollout) {
            fusion.fuse(at.value(blocks[last]), heads[last], n, 1, s.row);
            return s.row;
        }
        fusion.fuse(at.value(blocks[last]), heads[last], n, n, s.matrix);
        Rollout.residual(s.matrix, n);
        System.arraycopy(s.matrix, 0, s.row, 0, n);
        for (int b = last - 1; b >= 0; b--) {
            fusion.fuse(at.value(blocks[b]), heads[b], n, n, s.matrix);
            Rollout.residual(s.matrix, n);
            Rollout.times(s.row, s.matrix, n, s.next);
            System.arraycopy(s.next, 0, s.row, 0, n);
        }
        return s.row;
    }

    private int argmax(PointEvaluation at) {
        double[] l;
        try {
            l = at.value(logits);
        } catch (IllegalStateException notEvaluated) {
            return 0;
        }
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            if (l[k] > l[best]) {
                best = k;
            }
        }
        return best;
    }

    /** @throws NotPiecewiseLinearException always: attention (a softmax of products) is not piecewise linear */
    @Override
    public boolean lineMap(Piece line, SaliencyMap observed, LinearMap map) {
        throw new NotPiecewiseLinearException(NAME);
    }

    /**
     * Bounds from the attention nodes' bounds over the segment: each head's probabilities between the
     * lowest and highest of their centre-radius lines, fused over the heads ({@link HeadFusion#bound}), and
     * for a rollout carried through the renormalised residual matrices and their products
     * ({@link Rollout}); every bound is rounded outward ({@link RowSum#SLACK}).
     */
    @Override
    public boolean mapBounds(LineBounds bounds, SaliencyMap observed, double[] lower, double[] upper) {
        Scratch s = scratch.get();
        int n = tokens;
        int last = blocks.length - 1;
        if (!rollout) {
            fusion.bound(bounds, blocks[last], heads[last], n, 1, s.row, s.next, s.work);
            grid.expand(s.row, lower);
            grid.expand(s.next, upper);
            return true;
        }
        fusion.bound(bounds, blocks[last], heads[last], n, n, s.matrix, s.matrixHi, s.work);
        Rollout.residualBounds(s.matrix, s.matrixHi, n, s.work[0], s.work[1]);
        System.arraycopy(s.matrix, 0, s.row, 0, n);
        System.arraycopy(s.matrixHi, 0, s.rowHi, 0, n);
        for (int b = last - 1; b >= 0; b--) {
            fusion.bound(bounds, blocks[b], heads[b], n, n, s.matrix, s.matrixHi, s.work);
            Rollout.residualBounds(s.matrix, s.matrixHi, n, s.work[0], s.work[1]);
            Rollout.times(s.row, s.matrix, n, s.next);
            System.arraycopy(s.next, 0, s.row, 0, n);
            Rollout.times(s.rowHi, s.matrixHi, n, s.next);
            System.arraycopy(s.next, 0, s.rowHi, 0, n);
            RowSum.tighten(s.row, s.rowHi, 0, n);
        }
        grid.expand(s.row, lower);
        grid.expand(s.rowHi, upper);
        return true;
    }

    /** The map depends on no target and makes no other data-dependent choice: true on every segment. */
    @Override
    public boolean choicesHold(LineBounds bounds, SaliencyMap observed) {
        return true;
    }

    /** Per-thread work space. */
    private static final class Scratch {
        final double[] row;
        final double[] rowHi;
        final double[] next;
        final double[][] work;
        final double[] matrix;
        final double[] matrixHi;

        Scratch(int n, boolean matrices) {
            row = new double[n];
            rowHi = new double[n];
            next = new double[n];
            work = new double[2][n];
            matrix = new double[matrices ? n * n : n];
            matrixHi = new double[matrices ? n * n : n];
        }
    }

    /** Provides {@link AttentionMethod}. */
    public static final class Provider extends MethodProvider {
        /** Creates the provider. */
        public Provider() {
            super(NAME, "Vision Transformer: the class token's attention to the patches (optionally rolled out over "
                    + "the blocks); certified p-value bounds only", 40, Set.of(Capabilities.BOUNDS_MAPS),
                    Set.of(NODE, ROLLOUT, HEADS, HEAD), AttentionMethod::new);
        }
    }
}
