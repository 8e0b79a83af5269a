package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Div;
import org.salientsi.api.ir.Erf;
import org.salientsi.api.ir.Exp;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Mul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Op;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Sigmoid;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.Tanh;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.core.testing.Gaussian;

/**
 * Segment bounds of the smooth ops against the network itself, as {@link SegmentEvaluatorTest} does for the
 * piecewise-linear ones: on random lines and segments of several lengths, every node's value at 201 points of
 * the segment (point evaluation, independent of the bounds) lies within the bounds (up to 1e-12 relative), for
 * each op alone (every unary function, softmax along each axis and over all, layer normalisation along each
 * axis, Mul, Div and MatMul with broadcasting) and in compositions (an attention block with two heads, a GELU
 * MLP, sigmoid and tanh gates with products and quotients); the bounds' width shrinks quadratically with the
 * segment, so a search can certify; and bounds that cannot be finite are infinite, never NaN.
 */
class SmoothSegmentBoundsTest {

    private static final int POINTS = 200;
    private static final double[] LENGTHS = {1e-4, 1e-3, 0.05, 0.5, 3};

    @Test
    void eachSmoothOpAloneLiesWithinItsBounds() {
        List<Network> nets = new ArrayList<>();
        TensorShape row = TensorShape.of(1, 2, 7);
        for (Op op : new Op[] {new Sigmoid(), new Tanh(), new Exp(), new Erf(), new Gelu()}) {
            nets.add(SmoothKernelReferenceTest.network(op, List.of(row)));
        }
        TensorShape chw = TensorShape.of(3, 4, 5);
        SplittableRandom rng = new SplittableRandom(3);
        for (int axis = -1; axis <= 2; axis++) {
            nets.add(SmoothKernelReferenceTest.network(new Softmax(axis), List.of(chw)));
        }
        for (int axis = 0; axis <= 2; axis++) {
            int n = axis == 0 ? 3 : axis == 1 ? 4 : 5;
            nets.add(SmoothKernelReferenceTest.network(new LayerNorm(axis, Gaussian.vector(rng, n, 1),
                    Gaussian.vector(rng, n, 1), 1e-5), List.of(chw)));
        }
        nets.add(SmoothKernelReferenceTest.network(new Mul(), List.of(TensorShape.of(3, 1, 5), TensorShape.of(1, 4, 5))));
        nets.add(SmoothKernelReferenceTest.network(new Mul(), List.of(TensorShape.of(2, 3, 4), TensorShape.of(2, 3, 4))));
        nets.add(SmoothKernelReferenceTest.network(new MatMul(), List.of(TensorShape.of(2, 3, 4),
                TensorShape.of(2, 4, 5))));
        nets.add(SmoothKernelReferenceTest.network(new MatMul(), List.of(TensorShape.of(1, 3, 4),
                TensorShape.of(2, 4, 2))));
        nets.add(SmoothKernelReferenceTest.network(new MatMul(), List.of(TensorShape.of(2, 3, 4),
                TensorShape.of(1, 4, 2))));
        nets.add(positiveDivision());
        int checked = 0;
        for (Network net : nets) {
            checked += checkAgainstPoints(net, 4, new SplittableRandom(net.size() * 31L + checked));
        }
        assertThat(checked).isGreaterThan(500_000);
    }

    @Test
    void compositionsLieWithinTheirBounds() {
        int checked = 0;
        long seed = 11;
        for (Network net : List.of(attention(1), attention(2), geluMlp(3), gates(4), chain())) {
            checked += checkAgainstPoints(net, 4, new SplittableRandom(seed++));
        }
        assertThat(checked).isGreaterThan(500_000);
    }

    @Test
    void extremeAndConstantInputsLieWithinTheirBounds() {
        // logits in the hundreds (exponentials of differences overflow, sigmoids saturate), segments down to
        // 1e-9 (the derivative-bound branch), and inputs constant on the line (half the slopes 0)
        TensorShape chw = TensorShape.of(2, 3, 4);
        List<Network> nets = List.of(SmoothKernelReferenceTest.network(new Softmax(), List.of(chw)),
                SmoothKernelReferenceTest.network(new Softmax(), List.of(TensorShape.of(1, 1, 40))),
                SmoothKernelReferenceTest.network(new Softmax(1), List.of(chw)),
                SmoothKernelReferenceTest.network(new LayerNorm(2, new double[] {1, -1, 2, 0.5},
                        new double[] {0, 1, 0, -1}, 1e-5), List.of(chw)),
                SmoothKernelReferenceTest.network(new Sigmoid(), List.of(chw)),
                SmoothKernelReferenceTest.network(new Tanh(), List.of(chw)),
                SmoothKernelReferenceTest.network(new Erf(), List.of(chw)),
                SmoothKernelReferenceTest.network(new Gelu(), List.of(chw)),
                SmoothKernelReferenceTest.network(new Mul(), List.of(chw, chw)), chain());
        SplittableRandom rng = new SplittableRandom(41);
        int checked = 0;
        for (Network net : nets) {
            CompiledNetwork program = CompiledNetwork.compile(net);
            SegmentEvaluator seg = program.segmentEvaluator(net.output());
            PointEvaluator point = program.pointEvaluator();
            int n = net.inputShape().size();
            for (double scale : new double[] {300, 1}) {
                double[] a = Gaussian.vector(rng, n, scale);
                double[] c = Gaussian.vector(rng, n, scale);
                for (int i = 0; i < n; i += 2) {
                    c[i] = 0;
                }
                seg.setLine(a, c);
                for (double length : new double[] {1e-9, 1e-6, 0.01, 1}) {
                    double from = rng.nextDouble() - 0.5;
                    seg.bound(from, from + length);
                    checked += checkSegment(net, seg, point, a, c, from, from + length);
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
    }

    @Test
    void boundsShrinkQuadraticallyWithTheSegment() {
        long seed = 21;
        for (Network net : List.of(attention(5), geluMlp(6), gates(7), chain(),
                SmoothKernelReferenceTest.network(new LayerNorm(2, new double[] {1, -2, 0.5, 1, 1},
                        new double[5], 1e-5), List.of(TensorShape.of(3, 4, 5))))) {
            SplittableRandom rng = new SplittableRandom(seed++);
            CompiledNetwork program = CompiledNetwork.compile(net);
            SegmentEvaluator seg = program.segmentEvaluator(net.output());
            int n = net.inputShape().size();
            seg.setLine(Gaussian.vector(rng, n, 1), Gaussian.vector(rng, n, 1));
            double z0 = rng.nextDouble() - 0.5;
            double wide = width(seg, net.output(), z0, 1e-1);
            double narrow = width(seg, net.output(), z0, 1e-4);
            assertThat(wide).as("%s", net).isPositive().isFinite();
            assertThat(narrow).as("%s: width %s at 1e-4 against %s at 1e-1", net, narrow, wide)
                    .isLessThan(1e-2 * wide);
        }
    }

    @Test
    void unboundedBoundsAreInfiniteAndNeverNaN() {
        // exp of a value near 800 overflows; a dense layer with a zero weight reads it (0 * infinity)
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 2));
        int e = b.add("exp", new Exp(), b.input());
        int d = b.add("dense", new Dense(2, 2, new double[] {0, 1, 1, 0}, new double[] {0, 0}), e);
        int r = b.add("relu", new Relu(), d);
        Network net = b.build(b.add("div", new Div(), r, r));
        SegmentEvaluator seg = CompiledNetwork.compile(net).segmentEvaluator(net.output());
        seg.setLine(new double[] {800, 0}, new double[] {0, 1});
        seg.bound(-1, 1);
        for (int id = 1; id < net.size(); id++) {
            for (double[] v : List.of(seg.centreIntercept(id), seg.centreSlope(id), seg.radiusIntercept(id),
                    seg.radiusSlope(id))) {
                assertThat(v).as(net.node(id).name()).doesNotContain(Double.NaN);
            }
        }
        assertThat(seg.radiusIntercept(e)[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(seg.radiusIntercept(e)[1]).isFinite();
        // the dense layer's units read the overflow (one of them with weight 0, which gives NaN unless caught)
        assertThat(seg.radiusIntercept(d)).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(seg.radiusIntercept(net.output())).containsOnly(Double.POSITIVE_INFINITY);
    }

    /** Max over the output units of the bounds' width u - l at the segment's midpoint. */
    private static double width(SegmentEvaluator seg, int node, double from, double length) {
        seg.bound(from, from + length);
        double z = from + 0.5 * length;
        double w = 0;
        for (int i = 0; i < seg.radiusIntercept(node).length; i++) {
            w = Math.max(w, 2 * (seg.radiusIntercept(node)[i] + seg.radiusSlope(node)[i] * z));
        }
        return w;
    }

    /**
     * Every node's value at {@link #POINTS} + 1 points of random segments lies within its bounds.
     *
     * @return the number of values checked
     */
    static int checkAgainstPoints(Network net, int lines, SplittableRandom rng) {
        CompiledNetwork program = CompiledNetwork.compile(net);
        SegmentEvaluator seg = program.segmentEvaluator(net.output());
        assertThat(seg.supported()).isTrue();
        PointEvaluator point = program.pointEvaluator();
        int n = net.inputShape().size();
        int checked = 0;
        for (int line = 0; line < lines; line++) {
            double[] a = Gaussian.vector(rng, n, 1);
            double[] c = Gaussian.vector(rng, n, 1);
            seg.setLine(a, c);
            for (double length : LENGTHS) {
                double from = rng.nextDouble() * 4 - 2;
                double to = from + length;
                seg.bound(from, to);
                checked += checkSegment(net, seg, point, a, c, from, to);
            }
        }
        return checked;
    }

    /**
     * Every node's value at {@link #POINTS} + 1 points of {@code [from, to]} lies within its bounds.
     *
     * @return the number of values checked
     */
    private static int checkSegment(Network net, SegmentEvaluator seg, PointEvaluator point, double[] a, double[] c,
                                    double from, double to) {
        int n = a.length;
        double[] x = new double[n];
        int checked = 0;
        for (int k = 0; k <= POINTS; k++) {
            double z = k == POINTS ? to : from + (to - from) * k / POINTS;
            for (int i = 0; i < n; i++) {
                x[i] = a[i] + c[i] * z;
            }
            point.evaluate(x);
            for (int id = 0; id < net.size(); id++) {
                if (id == net.input()) {
                    continue;
                }
                double[] v = point.value(id);
                double[] mp = seg.centreIntercept(id);
                double[] mq = seg.centreSlope(id);
                double[] rp = seg.radiusIntercept(id);
                double[] rq = seg.radiusSlope(id);
                // the linear ops' bounds are exact up to the rounding of their sums (no margin)
                double floor = net.node(id).op().piecewiseLinear() ? 1e-12 : 1e-300;
                for (int i = 0; i < v.length; i++) {
                    double m = mp[i] + mq[i] * z;
                    double r = rp[i] + rq[i] * z;
                    assertThat(m).as("%s node %s unit %d centre", net, net.node(id).name(), i).isNotNaN();
                    double tol = 1e-12 * (Math.abs(v[i]) + Math.abs(m) + Math.abs(r)) + floor;
                    assertThat(r).as("%s node %s unit %d radius at z = %s", net, net.node(id).name(), i, z)
                            .isGreaterThanOrEqualTo(-tol);
                    assertThat(Math.abs(v[i] - m)).as("%s node %s (%s) unit %d at z = %s in [%s, %s]", net,
                            net.node(id).name(), net.node(id).op().type(), i, z, from, to)
                            .isLessThanOrEqualTo(r + tol);
                    checked++;
                }
            }
        }
        return checked;
    }

    /** Quotients by exp(y) and sigmoid(y) (positive) and by -sigmoid(y) - 0.5 (negative). */
    private static Network positiveDivision() {
        Network.Builder b = Network.builder(TensorShape.of(1, 2, 6));
        int a = b.add("a", new Slice(1, 0, 1), b.input());
        int y = b.add("y", new Slice(1, 1, 2), b.input());
        int e = b.add("exp", new Exp(), y);
        int s = b.add("sig", new Sigmoid(), y);
        int d1 = b.add("div-exp", new Div(), a, e);
        int d2 = b.add("div-sig", new Div(), e, s);
        int neg = b.add("negative", new Affine(new double[] {-1}, new double[] {-0.5}), s);
        int d3 = b.add("div-negative", new Div(), d1, neg);
        return b.build(b.add("sum", new Add(), d3, d2));
    }

    /** x -> tanh -> GELU -> exp -> erf -> sigmoid, with a ReLU in between (radii not zero). */
    private static Network chain() {
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 6));
        int x = b.add("tanh", new Tanh(), b.input());
        x = b.add("affine", new Affine(new double[] {2.5}, new double[] {-0.3}), x);
        x = b.add("gelu", new Gelu(), x);
        x = b.add("exp", new Exp(), x);
        x = b.add("relu", new Relu(), b.add("shift", new Affine(new double[] {1.0}, new double[] {-1.5}), x));
        x = b.add("erf", new Erf(), x);
        return b.build(b.add("sigmoid", new Sigmoid(), x));
    }

    /** Two GELU layers between dense ones. */
    static Network geluMlp(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 6));
        int x = b.add("fc1", new Dense(6, 8, Gaussian.vector(rng, 48, 0.6), Gaussian.vector(rng, 8, 0.2)), b.input());
        x = b.add("gelu1", new Gelu(), x);
        x = b.add("fc2", new Dense(8, 8, Gaussian.vector(rng, 64, 0.5), Gaussian.vector(rng, 8, 0.2)), x);
        x = b.add("gelu2", new Gelu(), x);
        return b.build(b.add("fc3", new Dense(8, 3, Gaussian.vector(rng, 24, 0.5), Gaussian.vector(rng, 3, 0.1)), x));
    }

    /** A gated unit: sigmoid(a) * tanh(b) / exp(c), times a broadcast scalar gate, then dense. */
    static Network gates(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 6));
        int a = b.add("a", new Dense(6, 4, Gaussian.vector(rng, 24, 0.5), Gaussian.vector(rng, 4, 0.2)), b.input());
        int v = b.add("b", new Dense(6, 4, Gaussian.vector(rng, 24, 0.5), Gaussian.vector(rng, 4, 0.2)), b.input());
        int c = b.add("c", new Dense(6, 4, Gaussian.vector(rng, 24, 0.3), Gaussian.vector(rng, 4, 0.2)), b.input());
        int s = b.add("scalar", new Dense(6, 1, Gaussian.vector(rng, 6, 0.5), Gaussian.vector(rng, 1, 0.2)), b.input());
        int g = b.add("gate", new Mul(), b.add("sig", new Sigmoid(), a), b.add("tanh", new Tanh(), v));
        int q = b.add("quotient", new Div(), g, b.add("exp", new Exp(), c));
        int h = b.add("broadcast", new Mul(), q, b.add("erf", new Erf(), s));
        return b.build(b.add("out", new Dense(4, 2, Gaussian.vector(rng, 8, 0.5), Gaussian.vector(rng, 2, 0.1)), h));
    }

    /**
     * A pre-norm attention block on 5 tokens of 4 features (input 1 x 5 x 4), two heads of 2: LayerNorm over
     * features, Q, K, V by 1x1 convolutions on the tokens' features (transposed to channels), heads sliced and
     * stacked as channels, softmax(Q K^T / sqrt 2) along keys, times V, heads back to features, a residual
     * connection and a dense read-out.
     */
    static Network attention(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int t = 5;
        int d = 4;
        Network.Builder b = Network.builder(TensorShape.of(1, t, d));
        int ln = b.add("ln", new LayerNorm(2, plusOne(Gaussian.vector(rng, d, 0.2)), Gaussian.vector(rng, d, 0.1),
                1e-5), b.input());
        int cols = b.add("features-first", new Transpose(new int[] {2, 1, 0}), ln);
        int[] heads = new int[3];
        String[] names = {"q", "k", "v"};
        for (int j = 0; j < 3; j++) {
            int proj = b.add(names[j], new Conv2d(d, d, 1, 1, Gaussian.vector(rng, d * d, 0.7),
                    Gaussian.vector(rng, d, 0.1), 1, 1, 1, 1, Padding.symmetric(0), 1), cols);
            int tokens = b.add(names[j] + "-tokens", new Transpose(new int[] {2, 1, 0}), proj);
            int h0 = b.add(names[j] + "-h0", new Slice(2, 0, 2), tokens);
            int h1 = b.add(names[j] + "-h1", new Slice(2, 2, 4), tokens);
            heads[j] = b.add(names[j] + "-heads", new Concat(), h0, h1);
        }
        int kt = b.add("k-t", new Transpose(new int[] {0, 2, 1}), heads[1]);
        int scores = b.add("scores", new MatMul(), heads[0], kt);
        int scaled = b.add("scaled", new Affine(new double[] {1 / Math.sqrt(2)}, new double[] {0}), scores);
        int attn = b.add("attention", new Softmax(2), scaled);
        int mixed = b.add("mixed", new MatMul(), attn, heads[2]);
        int h0 = b.add("out-h0", new Slice(0, 0, 1), mixed);
        int h1 = b.add("out-h1", new Slice(0, 1, 2), mixed);
        int both = b.add("out-heads", new Concat(), h0, h1);
        int back = b.add("out-tokens", new Transpose(new int[] {1, 0, 2}), both);
        int merged = b.add("merged", new org.salientsi.api.ir.Reshape(TensorShape.of(1, t, d)),
                b.add("out-flat", new Transpose(new int[] {2, 0, 1}), back));
        int res = b.add("residual", new Add(), merged, b.input());
        return b.build(b.add("readout", new Dense(t * d, 3, Gaussian.vector(rng, 3 * t * d, 0.3),
                Gaussian.vector(rng, 3, 0.1)), res));
    }

    private static double[] plusOne(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] += 1;
        }
        return v;
    }
}
