package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Upsample;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * The incremental walk's convolution updates (changes scattered channel-last, then moved into the
 * node) against the reference, a full pass ({@link LineEvaluator}) on the same piece: on networks of
 * multi-channel convolutions with padding, stride 1 and 2, dilation, groups, non-square kernels, a
 * convolution reading another directly and one reading the input's three channels, every node's
 * intercepts and slopes agree on every piece of long walks without periodic full passes (hundreds of
 * breakpoints, so changes accumulate), and so do the pieces' ends; likewise when a breakpoint
 * touches so many units of a node (after an upsampling) that the round recomputes the node whole, and
 * when it changes most of a convolution's input (a residual block on small maps) so that the round
 * updates the convolution from the slope changes alone.
 */
class IncrementalConvolutionTest {

    private static final double RANGE = 8;

    @Test
    void interceptsAndSlopesOfConvolutionsAgreeWithAFullPassAfterManyBreakpoints() {
        long breakpoints = 0;
        for (Network net : List.of(convolutions(1), convolutions(2), TestNetworks.allOps(5))) {
            IncrementalLineEvaluator inc = walkAgainstFullPass(net, 1, 81);
            assertThat(inc.scatteredUpdates()).as("nodes updated by scattering").isGreaterThan(inc.breakpoints());
            breakpoints += inc.breakpoints();
        }
        assertThat(breakpoints).as("breakpoints walked incrementally").isGreaterThan(1000);
    }

    @Test
    void nodesThatABreakpointTouchesWidelyAreRecomputedWholeAndAgreeWithAFullPass() {
        IncrementalLineEvaluator inc = walkAgainstFullPass(upsampled(3), 2, 82);
        assertThat(inc.overBudget()).as("nodes recomputed whole").isGreaterThan(10);
        assertThat(inc.breakpoints()).isGreaterThan(100);
    }

    @Test
    void convolutionsWhoseInputABreakpointChangesWidelyAreUpdatedFromSlopeChangesAloneAndAgreeWithAFullPass() {
        IncrementalLineEvaluator inc = walkAgainstFullPass(residual(4), 3, 83);
        assertThat(inc.slopeUpdates()).as("nodes updated from slope changes").isGreaterThan(inc.breakpoints());
        assertThat(inc.breakpoints()).isGreaterThan(100);
    }

    /**
     * A residual block on small maps, where one flip changes most of the next convolution's input (as in
     * ResNet's deep stages): input (1, 8, 8); conv 3x3 stride 2 pad 1 (8 filters), ReLU; conv 3x3 pad 1,
     * ReLU, conv 3x3 pad 1 (8 filters each); added to the block's input, ReLU; global average pooling;
     * dense to 2 outputs.
     */
    private static Network residual(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, 8, 8));
        int x = b.add("stem", conv(rng, 8, 1, 3, 3, 2, 2, 1, Padding.symmetric(1), 1), b.input());
        int skip = b.add("relu-stem", new Relu(), x);
        x = b.add("conv-a", conv(rng, 8, 8, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), skip);
        x = b.add("relu-a", new Relu(), x);
        x = b.add("conv-b", conv(rng, 8, 8, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), x);
        x = b.add("add", new Add(), x, skip);
        x = b.add("relu-out", new Relu(), x);
        x = b.add("gap", new GlobalAvgPool(), x);
        return b.build(b.add("dense", new Dense(8, 2, Gaussian.vector(rng, 16, 0.5), Gaussian.vector(rng, 2, 0.1)),
                x));
    }

    /**
     * Input (2, 4, 4); conv 3x3 pad 1 (4 filters), ReLU; conv 3x3 pad 1 (2 filters), ReLU; nearest
     * upsampling by 16, so that one changed unit touches 256 of the 8,192 outputs; conv 3x3 pad 1
     * (3 filters), ReLU; max pool 4; global average pooling; dense to 2 outputs.
     */
    private static Network upsampled(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(2, 4, 4));
        int x = b.add("conv-a", conv(rng, 4, 2, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), b.input());
        x = b.add("relu-a", new Relu(), x);
        x = b.add("conv-b", conv(rng, 2, 4, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), x);
        x = b.add("relu-b", new Relu(), x);
        x = b.add("up", Upsample.repeat(16, 16), x);
        x = b.add("conv-c", conv(rng, 3, 2, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), x);
        x = b.add("relu-c", new Relu(), x);
        x = b.add("pool", MaxPool.square(4), x);
        x = b.add("gap", new GlobalAvgPool(), x);
        return b.build(b.add("dense", new Dense(3, 2, Gaussian.vector(rng, 6, 0.5), Gaussian.vector(rng, 2, 0.1)),
                x));
    }

    /**
     * Input (3, 13, 15); three times conv 3x3 stride 1 pad 1 (8 filters) and ReLU (so that the third
     * convolution gets several changed channels at one position); conv 3x3 stride 2 pad 1 in 2 groups
     * (8 filters), ReLU; conv 3x3 dilation 2 pad 2 in 4 groups (8 filters) read directly by a conv 1x3
     * stride (1, 2) padded left and right only (6 filters), ReLU; conv 3x3 with no padding in 2 groups
     * (16 filters), ReLU; max pool 2; global average pooling; dense to 3 outputs.
     */
    private static Network convolutions(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(3, 13, 15));
        int x = b.add("conv-a", conv(rng, 8, 3, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), b.input());
        x = b.add("relu-a", new Relu(), x);
        x = b.add("conv-a2", conv(rng, 8, 8, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), x);
        x = b.add("relu-a2", new Relu(), x);
        x = b.add("conv-a3", conv(rng, 8, 8, 3, 3, 1, 1, 1, Padding.symmetric(1), 1), x);
        x = b.add("relu-a3", new Relu(), x);
        x = b.add("conv-b", conv(rng, 8, 8, 3, 3, 2, 2, 1, Padding.symmetric(1), 2), x);
        x = b.add("relu-b", new Relu(), x);
        x = b.add("conv-c", conv(rng, 8, 8, 3, 3, 1, 1, 2, Padding.symmetric(2), 4), x);
        x = b.add("conv-d", conv(rng, 6, 8, 1, 3, 1, 2, 1, Padding.of(0, 1, 0, 1), 1), x);
        x = b.add("relu-d", new Relu(), x);
        x = b.add("conv-e", conv(rng, 16, 6, 3, 3, 1, 1, 1, Padding.NONE, 2), x);
        x = b.add("relu-e", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), x);
        x = b.add("gap", new GlobalAvgPool(), x);
        return b.build(b.add("dense", new Dense(16, 3, Gaussian.vector(rng, 48, 0.5), Gaussian.vector(rng, 3, 0.1)),
                x));
    }

    private static Conv2d conv(SplittableRandom rng, int out, int in, int kh, int kw, int sh, int sw, int dilation,
                               Padding pad, int groups) {
        int fan = in / groups * kh * kw;
        return new Conv2d(out, in, kh, kw, Gaussian.vector(rng, out * fan, Math.sqrt(2.0 / fan)),
                Gaussian.vector(rng, out, 0.1), sh, sw, dilation, dilation, pad, groups);
    }

    /** The last node before an output activation (the line cannot cross a sigmoid or softmax). */
    private static int required(Network net) {
        return net.node(net.output()).op().piecewiseLinear() ? net.output() : net.node(net.output()).input(0);
    }

    /**
     * Walks lines incrementally (one full pass at the start only) and, on every piece, evaluates the
     * network by a full pass at a point inside the piece and compares every node.
     *
     * @return the evaluator, for its counts
     */
    private static IncrementalLineEvaluator walkAgainstFullPass(Network net, int lines, long seed) {
        CompiledNetwork program = CompiledNetwork.compile(net);
        int node = required(net);
        IncrementalLineEvaluator inc = program.incrementalLineEvaluator(node);
        inc.setRefreshInterval(Integer.MAX_VALUE);
        LineEvaluator full = program.lineEvaluator(node);
        SplittableRandom rng = new SplittableRandom(seed);
        int n = net.inputShape().size();
        for (int l = 0; l < lines; l++) {
            double[] a = Gaussian.vector(rng, n, 1);
            double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
            inc.setLine(a, c);
            full.setLine(a, c);
            double z = -RANGE;
            inc.evaluate(z);
            while (z < RANGE) {
                if (z > -RANGE) {
                    inc.advance(z);
                }
                double next = inc.networkUpper();
                if (next - z > 1e-9 * Math.max(1, Math.abs(z))) {
                    // well inside the piece, where no decision is within rounding of its root
                    double t = z + 0.5 * (Math.min(next, RANGE + 1) - z);
                    full.evaluate(t);
                    assertThat(full.upper()).as("%s: end of the piece at z = %s", net, z)
                            .isCloseTo(next, Offset.offset(1e-9 * Math.max(1, Math.abs(next))));
                    compareNodes(net, inc, full, z);
                }
                z = next;
            }
            assertThat(inc.residualFailures()).isZero();
        }
        assertThat(inc.fullPasses()).as("one full pass per line").isEqualTo(lines);
        return inc;
    }

    private static void compareNodes(Network net, IncrementalLineEvaluator inc, LineEvaluator full, double z) {
        for (int id = 0; id < net.size(); id++) {
            if (!inc.evaluates(id) || id == net.input()) {
                continue;
            }
            compare(net, id, "intercept", inc.intercept(id), full.intercept(id), z);
            compare(net, id, "slope", inc.slope(id), full.slope(id), z);
        }
    }

    /** Agreement to rounding of the node's magnitude (incremental sums round differently). */
    private static void compare(Network net, int id, String what, double[] got, double[] want, double z) {
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s %s of unit %d of %s at z = %s", net, what, i,
                    net.node(id).name(), z).isLessThanOrEqualTo(1e-12 * scale + 1e-300);
        }
    }
}
