package org.salientsi.methods.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.eval.SegmentEvaluator;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * The segmentation method: its map is the logit plane before the final sigmoid (or a named node and
 * channel, resized bilinearly when smaller, checked against the IR's own bilinear resize), it is found
 * through the plugin registry, its map on each piece of the line equals the point map on the line and
 * its segment bounds hold, and a model without a spatial output, or with several channels and none
 * chosen, is refused with a typed error.
 */
class SegmentationMethodTest {

    private static final Plugins PLUGINS = Plugins.load();

    private static SaliencyMethod method(Network net, Parameters p) {
        return PLUGINS.method(SegmentationMethod.NAME, net, p);
    }

    @Test
    void theMapIsTheLogitPlaneBeforeTheFinalSigmoid() {
        Network net = SegmentationNetworks.unet(8, 1, 3);
        SaliencyMethod m = method(net, Parameters.empty());
        assertThat(m.capabilities()).contains(Capabilities.PIECEWISE_LINEAR, Capabilities.BOUNDS_MAPS);
        int logit = net.node("logit").orElseThrow().id();
        assertThat(m.requiredNodes()).containsExactly(logit);
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        double[] x = Gaussian.vector(new SplittableRandom(1), 64, 1);
        SaliencyMap map = m.map(point.evaluate(x));
        assertThat(map.values()).containsExactly(point.value(logit));
        assertThat(map.target()).isZero();
        assertThat(map.targetFromArgmax()).isFalse();
    }

    @Test
    void aNamedNodeAndChannelGiveThatPlaneAndTargetIsTheChannelToo() {
        Network net = SegmentationNetworks.unet(8, 3, 4);
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        point.evaluate(Gaussian.vector(new SplittableRandom(2), 64, 1));
        double[] logits = point.value(net.node("logit").orElseThrow().id());
        double[] two = java.util.Arrays.copyOfRange(logits, 128, 192);
        assertThat(method(net, Parameters.empty().with("segmentation-channel", "2")).map(point).values())
                .containsExactly(two);
        assertThat(method(net, Parameters.empty().with("target", "2")).map(point).values()).containsExactly(two);
        double[] up = point.value(net.node("up").orElseThrow().id());
        assertThat(method(net, Parameters.empty().with("segmentation-node", "up").with("segmentation-channel", "1"))
                .map(point).values()).containsExactly(java.util.Arrays.copyOfRange(up, 64, 128));
    }

    @Test
    void aSmallerNodeIsResizedBilinearlyAsTheIrResizes() {
        Network net = SegmentationNetworks.withResizedMid(8, 5);
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        point.evaluate(Gaussian.vector(new SplittableRandom(3), 64, 1));
        double[] resized = point.value(net.output());
        SaliencyMap map = method(net, Parameters.empty().with("segmentation-node", "mid")
                .with("segmentation-channel", "3")).map(point);
        double[] want = java.util.Arrays.copyOfRange(resized, 3 * 64, 4 * 64);
        for (int i = 0; i < 64; i++) {
            assertThat(map.values()[i]).as("pixel %d", i).isCloseTo(want[i], within(1e-12));
        }
    }

    @Test
    void badModelsAndOptionsAreTypedErrors() {
        Network classifier = TestNetworks.paperCam(8, 1, true);
        assertThatThrownBy(() -> method(classifier, Parameters.empty())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spatial output").hasMessageContaining("segmentation-node");
        Network three = SegmentationNetworks.unet(8, 3, 4);
        assertThatThrownBy(() -> method(three, Parameters.empty())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("3 channels").hasMessageContaining("segmentation-channel");
        assertThatThrownBy(() -> method(three, Parameters.empty().with("segmentation-channel", "3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a channel");
        assertThatThrownBy(() -> method(three, Parameters.empty().with("segmentation-channel", "1")
                .with("target", "2"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("differ");
        assertThatThrownBy(() -> method(three, Parameters.empty().with("segmentation-node", "nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> method(three, Parameters.empty().with("segmentation-node", "output")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Sigmoid");
        assertThatThrownBy(() -> PLUGINS.checkMethodOptions(SegmentationMethod.NAME,
                Parameters.empty().with("cam-layer", "x"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theLineMapEqualsThePointMapOnTheLineAndSegmentBoundsHold() {
        Network net = SegmentationNetworks.unet(8, 2, 6);
        SaliencyMethod m = method(net, Parameters.empty().with("segmentation-channel", "1"));
        CompiledNetwork program = CompiledNetwork.compile(net);
        LineEvaluator line = program.lineEvaluator(m.requiredNodes());
        SegmentEvaluator seg = program.segmentEvaluator(m.requiredNodes());
        PointEvaluator point = program.pointEvaluator();
        SplittableRandom rng = new SplittableRandom(7);
        double[] a = Gaussian.vector(rng, 64, 1);
        double[] c = Gaussian.vector(rng, 64, 0.3);
        line.setLine(a, c);
        seg.setLine(a, c);
        SaliencyMap observed = m.map(point.evaluate(a));
        LinearMap lm = LinearMap.zeros(8, 8);
        double[] lower = new double[64];
        double[] upper = new double[64];
        int pieces = 0;
        for (double z = -4; z < 4; ) {
            line.evaluate(z);
            double end = Math.min(line.upper(), 4);
            assertThat(m.lineMap(line, observed, lm)).isTrue();
            seg.bound(z, end);
            assertThat(m.mapBounds(seg, observed, lower, upper)).isTrue();
            assertThat(m.choicesHold(seg, observed)).isTrue();
            for (double t : new double[] {z, 0.5 * (z + end), end}) {
                double[] x = new double[64];
                for (int i = 0; i < 64; i++) {
                    x[i] = a[i] + c[i] * t;
                }
                double[] v = m.map(point.evaluate(x)).values();
                for (int i = 0; i < 64; i++) {
                    assertThat(lm.p()[i] + lm.q()[i] * t).as("pixel %d at z = %s", i, t)
                            .isCloseTo(v[i], within(1e-10 * (1 + Math.abs(v[i]))));
                    assertThat(v[i]).isBetween(lower[i] - 1e-10, upper[i] + 1e-10);
                }
            }
            pieces++;
            z = end;
        }
        assertThat(pieces).isGreaterThan(5);
    }
}
