package org.salientsi.methods.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.testkit.VitNetworks;

/**
 * The attention method on hand-built ViTs whose attention probabilities are known functions of {@code z}
 * ({@link SyntheticAttention}): its map is the class token's row fused over heads and spread over each
 * patch's pixels, checked against a direct loop over the probabilities with its own pixel-to-patch
 * arithmetic; the rollout against full matrix products; its bounds contain its maps at 200 points of
 * random segments and shrink to the map on a point; its choices hold, it has no line map, and bad models
 * and options are refused with typed errors naming them.
 */
class AttentionMethodTest {

    private static final Plugins PLUGINS = Plugins.load();

    private static SaliencyMethod method(Network net, Parameters p) {
        return PLUGINS.method(AttentionMethod.NAME, net, p);
    }

    private static int id(Network net, String name) {
        return net.node(name).orElseThrow().id();
    }

    /** Pixel (y, x)'s patch on a {@code side x side} grid of a {@code height x width} image. */
    private static int patchOf(int y, int x, int height, int width, int side) {
        return (y * side / height) * side + x * side / width;
    }

    @Test
    void theMapIsTheClassTokenRowOfTheLastBlockAveragedOverHeadsOnEachPatch() {
        Network net = VitNetworks.vit(16, 16, 4, 8, 2, 3, 1);
        SaliencyMethod m = method(net, Parameters.empty());
        assertThat(m.capabilities()).containsExactly(Capabilities.BOUNDS_MAPS);
        assertThat(m.requiredNodes()).containsExactly(id(net, "attn2"));
        SyntheticAttention syn = new SyntheticAttention(net, 2, 1.0);
        PointEvaluation at = syn.at(0.3);
        double[] a = at.value(id(net, "attn2"));
        SaliencyMap map = m.map(at);
        assertThat(map.height()).isEqualTo(16);
        assertThat(map.width()).isEqualTo(16);
        int n = 17;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int token = 1 + patchOf(y, x, 16, 16, 4);
                double want = (a[token] + a[n * n + token]) / 2;
                assertThat(map.get(y, x)).as("pixel (%d, %d)", y, x).isCloseTo(want, within(1e-15));
            }
        }
        assertThat(map.targetFromArgmax()).isFalse();
        assertThat(map.target()).isZero();
        assertThat(m.map(syn.at(-0.5)).target()).isEqualTo(1);
    }

    @Test
    void maxHeadsAndOneHeadAndANamedNode() {
        Network net = VitNetworks.vit(8, 12, 2, 6, 3, 2, 3);
        SyntheticAttention syn = new SyntheticAttention(net, 4, 1.0);
        PointEvaluation at = syn.at(-0.7);
        int n = 4 * 4 + 1;
        // 8 x 12 with a 2-pixel patch is a 4 x 6 grid: not square, refused below; use the square sibling
        assertThatThrownBy(() -> method(net, Parameters.empty())).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("attn1").hasMessageContaining("25 tokens");
        Network sq = VitNetworks.vit(8, 8, 2, 6, 3, 2, 3);
        SyntheticAttention s2 = new SyntheticAttention(sq, 4, 1.0);
        PointEvaluation p = s2.at(-0.7);
        double[] a0 = p.value(id(sq, "attn0"));
        SaliencyMap max = method(sq, Parameters.empty().with("heads", "max").with("attention-node", "attn0")).map(p);
        SaliencyMap one = method(sq, Parameters.empty().with("head", "2").with("attention-node", "attn0")).map(p);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int token = 1 + patchOf(y, x, 8, 8, 4);
                double best = Math.max(Math.max(a0[token], a0[n * n + token]), a0[2 * n * n + token]);
                assertThat(max.get(y, x)).isEqualTo(best);
                assertThat(one.get(y, x)).isEqualTo(a0[2 * n * n + token]);
            }
        }
        assertThat(at).isNotNull();
    }

    @Test
    void theRolloutIsTheClassRowOfTheProductOfTheResidualMatrices() {
        Network net = VitNetworks.vit(12, 12, 4, 4, 2, 3, 5);
        SyntheticAttention syn = new SyntheticAttention(net, 6, 1.5);
        PointEvaluation at = syn.at(0.9);
        int n = 10;
        double[] product = identity(n);
        for (int b = 2; b >= 0; b--) {
            double[] a = at.value(id(net, "attn" + b));
            double[] r = new double[n * n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    r[i * n + j] = 0.5 * ((a[i * n + j] + a[n * n + i * n + j]) / 2) + (i == j ? 0.5 : 0);
                    sum += r[i * n + j];
                }
                for (int j = 0; j < n; j++) {
                    r[i * n + j] /= sum;
                }
            }
            product = multiply(product, r, n);
        }
        SaliencyMethod m = method(net, Parameters.empty().with("rollout", "true"));
        assertThat(m.requiredNodes()).containsExactly(id(net, "attn0"), id(net, "attn1"), id(net, "attn2"));
        SaliencyMap map = m.map(at);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 12; x++) {
                assertThat(map.get(y, x)).isCloseTo(product[1 + patchOf(y, x, 12, 12, 3)], within(1e-14));
            }
        }
        // up to a named block: the first two only
        SaliencyMethod two = method(net, Parameters.empty().with("rollout", "true").with("attention-node", "attn1"));
        assertThat(two.requiredNodes()).containsExactly(id(net, "attn0"), id(net, "attn1"));
        double sum = 0;
        for (double v : ((AttentionMethod) m).classTokenRow(at)) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1;
        }
        return m;
    }

    private static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Test
    void theBoundsContainTheMapsAtTwoHundredPointsOfRandomSegments() {
        Network net = VitNetworks.vit(12, 12, 4, 4, 2, 3, 7);
        SyntheticAttention syn = new SyntheticAttention(net, 8, 1.0);
        SplittableRandom rng = new SplittableRandom(9);
        for (Parameters p : new Parameters[] {Parameters.empty(), Parameters.empty().with("heads", "max"),
            Parameters.empty().with("head", "1"), Parameters.empty().with("rollout", "true"),
            Parameters.empty().with("rollout", "true").with("heads", "max")}) {
            SaliencyMethod m = method(net, p);
            double[] lower = new double[144];
            double[] upper = new double[144];
            int checked = 0;
            for (int seg = 0; seg < 10; seg++) {
                double from = -3 + 6 * rng.nextDouble();
                double to = from + 0.02 + 0.5 * rng.nextDouble();
                LineBounds bounds = syn.over(from, to);
                SaliencyMap observed = m.map(syn.at(from));
                assertThat(m.mapBounds(bounds, observed, lower, upper)).isTrue();
                assertThat(m.choicesHold(bounds, observed)).isTrue();
                for (int k = 0; k < 20; k++) {
                    double z = from + (to - from) * rng.nextDouble();
                    double[] v = m.map(syn.at(z)).values();
                    for (int i = 0; i < 144; i++) {
                        assertThat(v[i]).as("%s pixel %d at z %s in [%s, %s]", p, i, z, from, to)
                                .isBetween(lower[i], upper[i]);
                    }
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(200);
        }
    }

    @Test
    void onAPointTheBoundsShrinkToTheMap() {
        Network net = VitNetworks.vit(12, 12, 4, 4, 2, 3, 7);
        SyntheticAttention syn = new SyntheticAttention(net, 10, 1.0);
        for (Parameters p : new Parameters[] {Parameters.empty(), Parameters.empty().with("rollout", "true")}) {
            SaliencyMethod m = method(net, p);
            double[] lower = new double[144];
            double[] upper = new double[144];
            SaliencyMap map = m.map(syn.at(0.4));
            m.mapBounds(syn.over(0.4, 0.4), map, lower, upper);
            for (int i = 0; i < 144; i++) {
                assertThat(lower[i]).isCloseTo(map.values()[i], within(1e-7));
                assertThat(upper[i]).isCloseTo(map.values()[i], within(1e-7));
            }
        }
    }

    @Test
    void thereIsNoLineMap() {
        SaliencyMethod m = method(VitNetworks.vit(8, 8, 4, 4, 2, 1, 1), Parameters.empty());
        assertThatThrownBy(() -> m.lineMap(null, null, LinearMap.zeros(8, 8)))
                .isInstanceOf(NotPiecewiseLinearException.class).hasMessageContaining("attention");
    }

    @Test
    void badModelsAndOptionsAreRefusedNamingThem() {
        Network vit = VitNetworks.vit(8, 8, 4, 4, 2, 2, 1);
        assertThatThrownBy(() -> method(TestNetworks.paperCam(8, 1, true), Parameters.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Vision Transformer");
        assertThatThrownBy(() -> method(VitNetworks.vit(9, 9, 4, 4, 2, 1, 1), Parameters.empty()))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("2x2 grid")
                .hasMessageContaining("9x9 image");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("attention-node", "nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nope' names no node");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("attention-node", "scores0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'scores0' is a MatMul");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("rollout", "yes")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rollout");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("heads", "min")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("heads");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("head", "2")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("head 2 is not a head of 'attn1'");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("head", "0").with("heads", "max")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> method(vit, Parameters.empty().with("target", "1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("target");
    }
}
