package org.salientsi.methods.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.eval.SegmentEvaluator;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.testkit.VitNetworks;

/**
 * The attention method on a hand-built ViT evaluated by the inference core: the attention node is the softmax
 * of the scaled scores (recomputed here from the scores node), the map is its class-token row averaged over the
 * heads on each patch (a direct loop), and the bounds from the core's segment bounds contain the point maps at
 * 200 points of random segments of random lines, for the last block and for the rollout.
 */
class AttentionOnVitTest {

    private static final Plugins PLUGINS = Plugins.load();

    @Test
    void theMapIsTheSoftmaxOfTheScaledScoresClassRowAveragedOverHeads() {
        Network net = VitNetworks.vit(16, 16, 4, 8, 2, 2, 11);
        SaliencyMethod m = PLUGINS.method(AttentionMethod.NAME, net, Parameters.empty());
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        point.evaluate(Gaussian.vector(new SplittableRandom(12), 256, 1));
        double[] scores = point.value(net.node("scores1").orElseThrow().id());
        int n = 17;
        double scale = 1 / Math.sqrt(4);
        double[] cls = new double[n];
        for (int h = 0; h < 2; h++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, scale * scores[h * n * n + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(scale * scores[h * n * n + j] - max);
            }
            for (int j = 0; j < n; j++) {
                cls[j] += Math.exp(scale * scores[h * n * n + j] - max) / sum / 2;
            }
        }
        SaliencyMap map = m.map(point);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(map.get(y, x)).as("pixel (%d, %d)", y, x)
                        .isCloseTo(cls[1 + (y / 4) * 4 + x / 4], within(1e-12));
            }
        }
        double[] logits = point.value(net.output());
        assertThat(map.target()).isEqualTo(logits[1] > logits[0] ? 1 : 0);
    }

    @Test
    void coreSegmentBoundsGiveMapBoundsThatContainTheMapsAtTwoHundredPoints() {
        Network net = VitNetworks.vit(8, 8, 4, 8, 2, 2, 13);
        CompiledNetwork compiled = CompiledNetwork.compile(net);
        PointEvaluator point = compiled.pointEvaluator();
        SplittableRandom rng = new SplittableRandom(14);
        for (Parameters p : new Parameters[] {Parameters.empty(), Parameters.empty().with("rollout", "true")}) {
            SaliencyMethod m = PLUGINS.method(AttentionMethod.NAME, net, p);
            SegmentEvaluator seg = compiled.segmentEvaluator(m.requiredNodes());
            assertThat(seg.supported()).isTrue();
            double[] lower = new double[64];
            double[] upper = new double[64];
            double width = 0;
            for (int s = 0; s < 10; s++) {
                double[] a = Gaussian.vector(rng, 64, 1);
                double[] c = Gaussian.vector(rng, 64, 0.3);
                double from = -2 + 4 * rng.nextDouble();
                double to = from + 0.001 + 0.01 * rng.nextDouble();
                seg.setLine(a, c);
                seg.bound(from, to);
                double[] x0 = line(a, c, from);
                SaliencyMap observed = m.map(point.evaluate(x0));
                assertThat(m.mapBounds(seg, observed, lower, upper)).isTrue();
                for (int k = 0; k < 20; k++) {
                    double z = k == 0 ? from : k == 1 ? to : from + (to - from) * rng.nextDouble();
                    double[] v = m.map(point.evaluate(line(a, c, z))).values();
                    for (int i = 0; i < 64; i++) {
                        assertThat(v[i]).as("%s segment %d pixel %d at z %s", p, s, i, z)
                                .isBetween(lower[i], upper[i]);
                    }
                }
                for (int i = 0; i < 64; i++) {
                    width = Math.max(width, upper[i] - lower[i]);
                }
            }
            // bounds that say something: narrower than the probabilities' range
            assertThat(width).as("%s widest bound", p).isLessThan(0.5);
        }
    }

    private static double[] line(double[] a, double[] c, double z) {
        double[] x = new double[a.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = a[i] + c[i] * z;
        }
        return x;
    }
}
