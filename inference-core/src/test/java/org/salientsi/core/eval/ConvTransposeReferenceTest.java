package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.ConvTranspose;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.grad.Backprop;
import org.salientsi.core.grad.ReverseProgram;
import org.salientsi.core.testing.Gaussian;

/**
 * The transposed convolution ({@link ConvTranspose}) in every evaluator: point evaluation and the reverse
 * pass against PyTorch 1.13 ({@code src/test/python/conv_transpose_reference.py}: strides 1 to 3, square
 * and non-square kernels, symmetric and asymmetric pads, pads wider than the kernel, output padding); on
 * small U-Nets (convolution, max pooling, transposed convolutions, skip concatenation, ReLUs) the line
 * evaluators (full and incremental) equal point evaluation on the line on every piece, and the segment
 * bounds hold every node's value at 101 points of random segments.
 */
class ConvTransposeReferenceTest {

    private static final String RESOURCE = "/org/salientsi/core/eval/torch-conv-transpose.json";

    @Test
    void pointEvaluationAndGradientEqualPyTorch() throws IOException {
        JsonNode doc = read();
        int cases = 0;
        for (JsonNode c : doc.get("cases")) {
            String name = c.get("name").asText();
            int[] in = ints(c.get("in"));
            int[] k = ints(c.get("kernel"));
            int[] s = ints(c.get("stride"));
            int[] p = ints(c.get("pads"));
            int[] op = ints(c.get("output_padding"));
            ConvTranspose ct = new ConvTranspose(c.get("out_channels").asInt(), in[0], k[0], k[1], v(c, "weight"),
                    v(c, "bias"), s[0], s[1], Padding.of(p[0], p[1], p[2], p[3]), op[0], op[1]);
            Network.Builder b = Network.builder(TensorShape.of(in[0], in[1], in[2]));
            int y = b.add("up", ct, b.input());
            Network net = b.build(y);
            int[] outShape = ints(c.get("out_shape"));
            assertThat(net.node(y).shape()).as(name).isEqualTo(TensorShape.of(outShape[0], outShape[1], outShape[2]));
            PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
            point.evaluate(v(c, "x"));
            compare(point.value(y), v(c, "y"), name + " output");
            Backprop grad = ReverseProgram.compile(net, y, net.input()).newBackprop();
            grad.decide(point);
            compare(grad.gradient(v(c, "g")), v(c, "grad"), name + " g^T dy/dx");
            cases++;
        }
        assertThat(cases).isEqualTo(7);
    }

    @Test
    void lineEvaluationEqualsPointEvaluationOnTheLineOnEveryPiece() {
        long pieces = 0;
        for (Network net : List.of(unet(1, false), unet(2, true))) {
            CompiledNetwork program = CompiledNetwork.compile(net);
            LineEvaluator line = program.lineEvaluator(net.output());
            PointEvaluator point = program.pointEvaluator();
            SplittableRandom rng = new SplittableRandom(11);
            int n = net.inputShape().size();
            double[] a = Gaussian.vector(rng, n, 1);
            double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
            line.setLine(a, c);
            double z = -3;
            while (z < 3) {
                line.evaluate(z);
                double end = Math.min(line.upper(), 3);
                double t = z + 0.5 * (end - z);
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = a[i] + c[i] * t;
                }
                point.evaluate(x);
                for (int id = 0; id < net.size(); id++) {
                    if (id != net.input()) {
                        double[] pv = line.intercept(id);
                        double[] qv = line.slope(id);
                        double[] v = point.value(id);
                        double worst = 0;
                        for (int i = 0; i < v.length; i++) {
                            double scale = 1 + Math.abs(pv[i]) + Math.abs(qv[i] * t);
                            worst = Math.max(worst, Math.abs(pv[i] + qv[i] * t - v[i]) / scale);
                        }
                        assertThat(worst).as("%s node %s at z = %s: |p + q z - point| / scale", net,
                                net.node(id).name(), t).isLessThanOrEqualTo(1e-10);
                    }
                }
                pieces++;
                z = end;
            }
        }
        assertThat(pieces).as("pieces walked").isGreaterThan(50);
    }

    @Test
    void incrementalLineEvaluationAgreesWithAFullPassOnEveryPiece() {
        long breakpoints = 0;
        for (Network net : List.of(unet(3, false), unet(4, true))) {
            CompiledNetwork program = CompiledNetwork.compile(net);
            IncrementalLineEvaluator inc = program.incrementalLineEvaluator(net.output());
            inc.setRefreshInterval(Integer.MAX_VALUE);
            LineEvaluator full = program.lineEvaluator(net.output());
            SplittableRandom rng = new SplittableRandom(12);
            int n = net.inputShape().size();
            for (int l = 0; l < 1; l++) {
                double[] a = Gaussian.vector(rng, n, 1);
                double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
                inc.setLine(a, c);
                full.setLine(a, c);
                double z = -4;
                inc.evaluate(z);
                while (z < 4) {
                    if (z > -4) {
                        inc.advance(z);
                    }
                    double next = inc.networkUpper();
                    if (next - z > 1e-9 * Math.max(1, Math.abs(z))) {
                        double t = z + 0.5 * (Math.min(next, 5) - z);
                        full.evaluate(t);
                        assertThat(full.upper()).as("%s: end of the piece at z = %s", net, z)
                                .isCloseTo(next, Offset.offset(1e-9 * Math.max(1, Math.abs(next))));
                        for (int id = 0; id < net.size(); id++) {
                            if (id != net.input()) {
                                agree(net, id, inc.intercept(id), full.intercept(id));
                                agree(net, id, inc.slope(id), full.slope(id));
                            }
                        }
                    }
                    z = next;
                }
                assertThat(inc.residualFailures()).isZero();
            }
            assertThat(inc.scatteredUpdates() + inc.slopeUpdates()).as("transposed convolutions updated incrementally")
                    .isPositive();
            breakpoints += inc.breakpoints();
        }
        assertThat(breakpoints).as("breakpoints walked incrementally").isGreaterThan(50);
    }

    @Test
    void segmentBoundsHoldEveryNodeOnTheWholeSegment() {
        int checked = 0;
        for (Network net : List.of(unet(5, false), unet(6, true))) {
            CompiledNetwork program = CompiledNetwork.compile(net);
            SegmentEvaluator seg = program.segmentEvaluator(net.output());
            assertThat(seg.supported()).isTrue();
            PointEvaluator point = program.pointEvaluator();
            SplittableRandom rng = new SplittableRandom(13);
            int n = net.inputShape().size();
            for (int line = 0; line < 2; line++) {
                double[] a = Gaussian.vector(rng, n, 1);
                double[] c = Gaussian.vector(rng, n, 1);
                seg.setLine(a, c);
                for (double length : new double[] {1e-3, 0.05, 0.5, 3}) {
                    double from = rng.nextDouble() * 4 - 2;
                    double to = from + length;
                    seg.bound(from, to);
                    for (int k = 0; k <= 100; k++) {
                        double z = from + (to - from) * k / 100;
                        double[] x = new double[n];
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
                            double excess = 0;
                            for (int i = 0; i < v.length; i++) {
                                double m = mp[i] + mq[i] * z;
                                double r = rp[i] + rq[i] * z;
                                double tol = 1e-10 * (1 + Math.abs(m) + Math.abs(r));
                                excess = Math.max(excess, Math.abs(v[i] - m) - r - tol);
                                checked++;
                            }
                            assertThat(excess).as("%s node %s at z = %s in [%s, %s]: |value - centre| - radius", net,
                                    net.node(id).name(), z, from, to).isLessThanOrEqualTo(0.0);
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
    }

    /**
     * A small U-Net on (1, 12, 10) images: conv 3x3 pad 1 (4 filters), ReLU; max pool 2; conv 3x3 pad 1 (6
     * filters), ReLU; a transposed convolution back to 12 x 10 (k2 s2, or k3 s2 pad 1 with output padding
     * 1), ReLU; concatenated with the first ReLU; conv 3x3 pad 1 (3 filters), ReLU; a transposed
     * convolution k3 s1 pad 1 to one logit plane.
     */
    static Network unet(long seed, boolean outputPadding) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, 12, 10));
        int x = b.add("enc", conv(rng, 4, 1), b.input());
        int skip = b.add("enc/relu", new Relu(), x);
        x = b.add("pool", MaxPool.square(2), skip);
        x = b.add("mid", conv(rng, 6, 4), x);
        x = b.add("mid/relu", new Relu(), x);
        ConvTranspose up = outputPadding
                ? new ConvTranspose(4, 6, 3, 3, Gaussian.vector(rng, 6 * 4 * 9, 0.4), Gaussian.vector(rng, 4, 0.1),
                        2, 2, Padding.symmetric(1), 1, 1)
                : ConvTranspose.of(4, 6, 2, 2, Gaussian.vector(rng, 6 * 4 * 4, 0.5), Gaussian.vector(rng, 4, 0.1), 2);
        x = b.add("up", up, x);
        x = b.add("up/relu", new Relu(), x);
        x = b.add("cat", new Concat(), x, skip);
        x = b.add("dec", conv(rng, 3, 8), x);
        x = b.add("dec/relu", new Relu(), x);
        x = b.add("logit", new ConvTranspose(1, 3, 3, 3, Gaussian.vector(rng, 27, 0.5), new double[] {0.1}, 1, 1,
                Padding.symmetric(1), 0, 0), x);
        return b.build(x);
    }

    private static Conv2d conv(SplittableRandom rng, int out, int in) {
        int fan = in * 9;
        return Conv2d.of(out, in, 3, 3, Gaussian.vector(rng, out * fan, Math.sqrt(2.0 / fan)),
                Gaussian.vector(rng, out, 0.1), Padding.symmetric(1));
    }

    private static void agree(Network net, int id, double[] got, double[] want) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            worst = Math.max(worst, Math.abs(got[i] - want[i]));
        }
        assertThat(worst).as("%s node %s: |incremental - full pass|", net, net.node(id).name())
                .isLessThanOrEqualTo(1e-9 * Math.max(1, scale));
    }

    private static void compare(double[] got, double[] want, String what) {
        assertThat(got).as(what).hasSize(want.length);
        double scale = 0;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertThat(scale).as(what + " is not all zero").isPositive();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("%s [%d]", what, i).isCloseTo(want[i], within(1e-12 * scale));
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] v(JsonNode node, String field) {
        JsonNode a = node.get(field);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode read() throws IOException {
        try (InputStream in = ConvTransposeReferenceTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
