package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.core.testing.Gaussian;

/**
 * Figures for the record, not part of the default suite (run with {@code -Dsalientsi.report=true
 * -Dtest=SegmentBoundsWidthReport}): the largest width of the output bounds at the segment's midpoint of a
 * Vision-Transformer-like attention block (LayerNorm, Q/K/V by 1x1 convolutions, two heads, softmax along
 * keys, A V, GELU) with 17 and 65 tokens of 16 features, on a random line with slopes of norm about 1, for
 * segments of length 1e-1 down to 1e-4, and the time per {@link SegmentEvaluator#bound} call.
 */
@EnabledIfSystemProperty(named = "salientsi.report", matches = "true")
class SegmentBoundsWidthReport {

    @Test
    void attentionBlockWidthsAndTimes() {
        for (int tokens : new int[] {17, 65}) {
            Network net = block(tokens, 16, 3);
            SplittableRandom rng = new SplittableRandom(99);
            SegmentEvaluator seg = CompiledNetwork.compile(net).segmentEvaluator(net.output());
            int n = net.inputShape().size();
            seg.setLine(Gaussian.vector(rng, n, 1), Gaussian.vector(rng, n, 1 / Math.sqrt(n)));
            StringBuilder out = new StringBuilder("tokens " + tokens + ":");
            for (double length : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
                seg.bound(0.2, 0.2 + length);
                double z = 0.2 + length / 2;
                double width = 0;
                for (int i = 0; i < seg.radiusIntercept(net.output()).length; i++) {
                    width = Math.max(width, 2 * (seg.radiusIntercept(net.output())[i]
                            + seg.radiusSlope(net.output())[i] * z));
                }
                out.append(String.format(" segment %.0e: width %.3e;", length, width));
                assertThat(width).isFinite();
            }
            int reps = tokens < 30 ? 300 : 20;
            for (int r = 0; r < reps; r++) {
                seg.bound(0.2, 0.2 + 1e-3);
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                seg.bound(0.2, 0.2 + 1e-3);
            }
            out.append(String.format(" %.2f ms per bound", (System.nanoTime() - t0) / 1e6 / reps));
            System.out.println(out);
        }
    }

    private static Network block(int t, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, t, d));
        int ln = b.add("ln", new LayerNorm(2, Gaussian.vector(rng, d, 1), Gaussian.vector(rng, d, 0.1), 1e-5),
                b.input());
        int cols = b.add("features-first", new Transpose(new int[] {2, 1, 0}), ln);
        int[] heads = new int[3];
        for (int j = 0; j < 3; j++) {
            int proj = b.add("proj" + j, new Conv2d(d, d, 1, 1, Gaussian.vector(rng, d * d, 1 / Math.sqrt(d)),
                    Gaussian.vector(rng, d, 0.1), 1, 1, 1, 1, Padding.symmetric(0), 1), cols);
            int tokens = b.add("tokens" + j, new Transpose(new int[] {2, 1, 0}), proj);
            heads[j] = b.add("heads" + j, new Concat(), b.add("h0-" + j, new Slice(2, 0, d / 2), tokens),
                    b.add("h1-" + j, new Slice(2, d / 2, d), tokens));
        }
        int kt = b.add("k-t", new Transpose(new int[] {0, 2, 1}), heads[1]);
        int scores = b.add("scores", new MatMul(), heads[0], kt);
        int scaled = b.add("scaled", new Affine(new double[] {1 / Math.sqrt(d / 2.0)}, new double[] {0}), scores);
        int attention = b.add("attention", new Softmax(2), scaled);
        int mixed = b.add("mixed", new MatMul(), attention, heads[2]);
        return b.build(b.add("gelu", new Gelu(), mixed));
    }
}
