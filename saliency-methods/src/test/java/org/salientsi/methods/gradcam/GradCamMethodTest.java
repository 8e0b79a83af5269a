package org.salientsi.methods.gradcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.testkit.Fixtures;

/**
 * Grad-CAM against two independent references: on a global-average-pooling network the closed form
 * ReLU(CAM) / (h w) from the features and the dense weights, and on a network without global pooling
 * channel weights from finite differences of the network's head (rebuilt from the feature layer on).
 */
class GradCamMethodTest {

    private static final GradCamMethod.Provider GRAD_CAM = new GradCamMethod.Provider();

    @Test
    void onAGlobalPoolingNetworkGradCamIsTheReluOfCamDividedByTheFeaturePlane() {
        for (boolean passThrough : new boolean[] {true, false}) {
            Network net = TestNetworks.paperCam(8, 21, passThrough);
            GradCamMethod m = (GradCamMethod) GRAD_CAM.create(net, Parameters.empty());
            Node feature = net.node(m.featureNode());
            assertThat(feature.name()).isEqualTo("up");
            PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
            double[] x = Gaussian.vector(new SplittableRandom(22), 64, 1);
            SaliencyMap map = m.map(eval.evaluate(x));
            double[] f = eval.value(feature.id());
            double[] w = ((Dense) net.node("dense").orElseThrow().op()).weights();
            int positive = 0;
            for (int i = 0; i < 64; i++) {
                double cam = 0;
                for (int c = 0; c < 4; c++) {
                    cam += w[c] * f[c * 64 + i];
                }
                assertThat(map.values()[i]).isCloseTo(Math.max(cam, 0) / 64, within(1e-12));
                positive += cam > 0 ? 1 : 0;
            }
            assertThat(positive).isBetween(1, 63);
        }
    }

    @Test
    void channelWeightsAreTheMeanFiniteDifferenceGradientOfTheHeadWithRespectToTheFeatures() {
        Network net = Fixtures.flattenClassifier(6, 31);
        GradCamMethod m = (GradCamMethod) GRAD_CAM.create(net, Parameters.empty().with("target", "1"));
        // no global pooling: the feature layer is the last node before the logits with a spatial extent
        assertThat(net.node(m.featureNode()).name()).isEqualTo("pool");
        GradCamMethod named = (GradCamMethod) GRAD_CAM.create(net, Parameters.empty().with("target", "1")
                .with("cam-layer", "features"));
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        double[] x = Gaussian.vector(new SplittableRandom(32), 36, 1);
        eval.evaluate(x);
        double[] features = eval.value(net.node("features").orElseThrow().id()).clone();
        SaliencyMap map = named.map(eval);
        // the head from the features on, with the same weights, differentiated by central differences
        Network.Builder b = Network.builder(net.node("features").orElseThrow().shape());
        int h = b.add("conv2", (Conv2d) net.node("conv2").orElseThrow().op(), b.input());
        h = b.add("relu2", new Relu(), h);
        h = b.add("pool", MaxPool.square(2), h);
        h = b.add("flat", new Flatten(Flatten.Order.CHW), h);
        Network head = b.build(b.add("logits", (Dense) net.node("logits").orElseThrow().op(), h));
        assertThat(Fixtures.value(head, head.output(), features))
                .containsExactly(eval.value(net.node("logits").orElseThrow().id()), within(1e-12));
        double[] g = Fixtures.finiteDifference(head, head.output(), 1, features, 1e-6);
        double[] alpha = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 36; i++) {
                alpha[c] += g[c * 36 + i] / 36;
            }
        }
        for (int i = 0; i < 36; i++) {
            double s = alpha[0] * features[i] + alpha[1] * features[36 + i] + alpha[2] * features[72 + i];
            assertThat(map.values()[i]).isCloseTo(Math.max(s, 0), within(1e-6));
        }
        assertThat(map.values()).as("not all zero").isNotEqualTo(new double[36]);
    }

    @Test
    void smallerFeatureMapsAreResizedBilinearlyWithHalfPixelCentres() {
        Network net = Fixtures.flattenClassifier(6, 33);
        GradCamMethod m = (GradCamMethod) GRAD_CAM.create(net, Parameters.empty().with("target", "0"));
        int pool = net.node("pool").orElseThrow().id();
        assertThat(m.featureNode()).isEqualTo(pool);
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        eval.evaluate(Gaussian.vector(new SplittableRandom(34), 36, 1));
        double[] map = m.map(eval).values();
        // after the 3x3 pooled features comes flatten + dense: d logit_0 / d pool[c, i] = W[0][9 c + i]
        double[] w = ((Dense) net.node("logits").orElseThrow().op()).weights();
        double[] f = eval.value(pool);
        double[] low = new double[9];
        for (int c = 0; c < 3; c++) {
            double alpha = 0;
            for (int i = 0; i < 9; i++) {
                alpha += w[c * 9 + i] / 9;
            }
            for (int i = 0; i < 9; i++) {
                low[i] += alpha * f[c * 9 + i];
            }
        }
        for (int i = 0; i < 9; i++) {
            low[i] = Math.max(low[i], 0);
        }
        double[] expected = Fixtures.halfPixelBilinear(low, 3, 6);
        for (int i = 0; i < 36; i++) {
            assertThat(map[i]).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(low).as("some feature-resolution value is positive").isNotEqualTo(new double[9]);
    }

    @Test
    void aFeatureLayerThatTheLogitsDoNotDependOnIsATypedError() {
        Network net = Fixtures.flattenClassifier(6, 35);
        assertThatThrownBy(() -> GRAD_CAM.create(net, Parameters.empty().with("cam-layer", "nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> GRAD_CAM.create(net, Parameters.empty().with("cam-layer", "logits")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before the logits");
    }
}
