package org.salientsi.methods.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

class CamMethodTest {

    private static final CamMethod.Provider CAM = new CamMethod.Provider();

    /** conv(3) relu [maxpool 2] gap flatten dense(k) softmax on a 6x6 input. */
    private static Network head(int classes, boolean pooled, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, 6, 6));
        int x = b.add("conv", Conv2d.of(3, 1, 3, 3, Gaussian.vector(rng, 27, 1), Gaussian.vector(rng, 3, 0.2),
                Padding.symmetric(1)), b.input());
        x = b.add("features", new Relu(), x);
        if (pooled) {
            x = b.add("pool", MaxPool.square(2), x);
        }
        int gap = b.add("gap", new GlobalAvgPool(), x);
        int flat = b.add("flat", new Flatten(Flatten.Order.CHW), gap);
        // rows that favour different feature channels, so that every class wins somewhere
        double[] rows = {1.0, -1.0, 0.2, -1.0, 1.0, 0.2, 0.1, 0.1, -0.5};
        double[] w = classes == 3 ? rows : Gaussian.vector(rng, 3 * classes, 1);
        int dense = b.add("logits", new Dense(3, classes, w, Gaussian.vector(rng, classes, 0.3)), flat);
        return b.build(b.add("softmax", new Softmax(), dense));
    }

    @Test
    void camIsTheTargetsDenseWeightsTimesTheFeaturesBeforeGlobalPooling() {
        Network net = head(1, false, 1);
        SaliencyMethod cam = CAM.create(net, Parameters.empty());
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        double[] x = Gaussian.vector(new SplittableRandom(2), 36, 1);
        eval.evaluate(x);
        SaliencyMap map = cam.map(eval);
        double[] f = eval.value(net.node("features").orElseThrow().id());
        double[] w = ((Dense) net.node("logits").orElseThrow().op()).weights();
        assertThat(map.target()).isZero();
        assertThat(map.targetFromArgmax()).isFalse();
        for (int i = 0; i < 36; i++) {
            double expected = w[0] * f[i] + w[1] * f[36 + i] + w[2] * f[72 + i];
            assertThat(map.values()[i]).isCloseTo(expected, within(1e-12));
        }
        // mean of the CAM + bias = the logit (the CAM decomposes the pre-activation output)
        double mean = java.util.Arrays.stream(map.values()).average().orElseThrow();
        double logit = eval.value(net.node("logits").orElseThrow().id())[0];
        assertThat(mean + ((Dense) net.node("logits").orElseThrow().op()).bias()[0]).isCloseTo(logit, within(1e-12));
    }

    @Test
    void smallerFeaturesAreResizedBilinearlyWithHalfPixelCentres() {
        Network net = head(1, true, 3);
        SaliencyMethod cam = CAM.create(net, Parameters.empty());
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        eval.evaluate(Gaussian.vector(new SplittableRandom(4), 36, 1));
        double[] f = eval.value(net.node("pool").orElseThrow().id());
        double[] w = ((Dense) net.node("logits").orElseThrow().op()).weights();
        double[] low = new double[9];
        for (int i = 0; i < 9; i++) {
            low[i] = w[0] * f[i] + w[1] * f[9 + i] + w[2] * f[18 + i];
        }
        double[] map = cam.map(eval).values();
        // 3 -> 6 with half-pixel centres: source coordinate (x + 0.5) / 2 - 0.5, clamped to [0, 2]
        for (int h = 0; h < 6; h++) {
            for (int ww = 0; ww < 6; ww++) {
                double sy = Math.min(2, Math.max(0, (h + 0.5) / 2 - 0.5));
                double sx = Math.min(2, Math.max(0, (ww + 0.5) / 2 - 0.5));
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                int y1 = Math.min(y0 + 1, 2);
                int x1 = Math.min(x0 + 1, 2);
                double fy = sy - y0;
                double fx = sx - x0;
                double expected = (1 - fy) * ((1 - fx) * low[y0 * 3 + x0] + fx * low[y0 * 3 + x1])
                        + fy * ((1 - fx) * low[y1 * 3 + x0] + fx * low[y1 * 3 + x1]);
                assertThat(map[h * 6 + ww]).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void multiClassHeadsExplainTheArgMaxAndTheArgMaxJoinsTheSelectionEvent() {
        Network net = head(3, true, 5);
        SaliencyMethod cam = CAM.create(net, Parameters.empty());
        CompiledNetwork program = CompiledNetwork.compile(net);
        PointEvaluator eval = program.pointEvaluator();
        LineEvaluator line = program.lineEvaluator(cam.requiredNodes());
        SplittableRandom rng = new SplittableRandom(6);
        int logits = net.node("logits").orElseThrow().id();
        double[] p = new double[36];
        double[] q = new double[36];
        int consistent = 0;
        int inconsistent = 0;
        for (int lineNo = 0; lineNo < 20 && (consistent == 0 || inconsistent == 0); lineNo++) {
            double[] a = Gaussian.vector(rng, 36, 1);
            double[] c = Gaussian.vector(rng, 36, 1);
            SaliencyMap observed = cam.map(eval.evaluate(a));
            assertThat(observed.targetFromArgmax()).isTrue();
            line.setLine(a, c);
            for (double z = -20; z < 20; ) {
                line.evaluate(z);
                boolean same = cam.lineMap(line, observed, new LinearMap(6, 6, p, q));
                double end = Math.min(line.upper(), 20);
                double t = 0.5 * (z + end);
                double[] x = new double[36];
                for (int i = 0; i < 36; i++) {
                    x[i] = a[i] + c[i] * t;
                }
                eval.evaluate(x);
                double[] l = eval.value(logits);
                int argmax = 0;
                for (int k = 1; k < 3; k++) {
                    argmax = l[k] > l[argmax] ? k : argmax;
                }
                assertThat(same).isEqualTo(argmax == observed.target());
                // the line map is the observed target's CAM whatever the arg-max on this piece
                SaliencyMap fixed = CAM.create(net, Parameters.empty().with("target",
                        Integer.toString(observed.target()))).map(eval);
                for (int i = 0; i < 36; i++) {
                    assertThat(p[i] + q[i] * t).isCloseTo(fixed.values()[i],
                            within(1e-9 * (1 + Math.abs(q[i] * t))));
                }
                consistent += same ? 1 : 0;
                inconsistent += same ? 0 : 1;
                z = end;
            }
        }
        assertThat(consistent).isPositive();
        assertThat(inconsistent).as("pieces with another arg-max").isPositive();
    }

    @Test
    void theFeatureLayerCanBeNamedAndBadChoicesAreTypedErrors() {
        Network net = head(3, false, 7);
        CamMethod named = (CamMethod) CAM.create(net, Parameters.empty().with("cam-layer", "features"));
        assertThat(named.featureNode()).isEqualTo(net.node("features").orElseThrow().id());
        assertThatThrownBy(() -> CAM.create(net, Parameters.empty().with("cam-layer", "nope")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> CAM.create(net, Parameters.empty().with("cam-layer", "input")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> CAM.create(net, Parameters.empty().with("target", "3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--target 3");
        Network.Builder b = Network.builder(TensorShape.of(1, 4, 4));
        int g = b.add("gmp", new GlobalMaxPool(), b.input());
        Network noGap = b.build(b.add("dense", new Dense(1, 1, new double[] {1}, null), g));
        assertThatThrownBy(() -> CAM.create(noGap, Parameters.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("global average pooling")
                .hasMessageContaining("--cam-layer");
    }

    @Test
    void thePaperArchitecturesFeatureLayerIsTheUpsamplingOutput() {
        Network net = TestNetworks.paperCam(8, 1, true);
        CamMethod cam = (CamMethod) CAM.create(net, Parameters.empty());
        assertThat(net.node(cam.featureNode()).name()).isEqualTo("up");
        assertThat(cam.requiredNodes()).containsExactly(cam.featureNode());
    }
}
