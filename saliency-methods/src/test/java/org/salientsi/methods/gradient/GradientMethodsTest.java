package org.salientsi.methods.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.testkit.Fixtures;

/**
 * Point maps of the gradient methods against references computed here from central finite
 * differences of the point evaluator (an independent forward pass) and from closed forms.
 */
class GradientMethodsTest {

    private static final double STEP = 1e-6;
    private static final double TOL = 1e-6;

    private static SaliencyMap map(SaliencyMethodProvider provider, Network net, Parameters params, double[] x) {
        SaliencyMethod m = provider.create(net, params);
        PointEvaluator eval = CompiledNetwork.compile(net).pointEvaluator();
        return m.map(eval.evaluate(x));
    }

    @Test
    void gradientSignedGradientAndGradientTimesInputAreFiniteDifferenceGradientsOfTheTargetLogit() {
        Network net = Fixtures.twoChannelClassifier(6, 3);
        int logits = net.node("logits").orElseThrow().id();
        double[] x = Gaussian.vector(new SplittableRandom(4), 72, 1);
        Parameters target1 = Parameters.empty().with("target", "1");
        double[] g = Fixtures.finiteDifference(net, logits, 1, x, STEP);
        double[] signed = map(new GradientMethod.SignedProvider(), net, target1, x).values();
        double[] abs = map(new GradientMethod.AbsoluteProvider(), net, target1, x).values();
        double[] maxAbs = map(new GradientMethod.AbsoluteProvider(), net, target1.with("channels", "max-abs"), x)
                .values();
        double[] gxi = map(new GradientMethod.GradXInputProvider(), net, target1, x).values();
        double[] gxiMax = map(new GradientMethod.GradXInputProvider(), net, target1.with("channels", "MAX-ABS"), x)
                .values();
        double nonzero = 0;
        for (int i = 0; i < 36; i++) {
            double g0 = g[i];
            double g1 = g[36 + i];
            assertThat(signed[i]).isCloseTo(g0 + g1, within(TOL));
            assertThat(abs[i]).isCloseTo(Math.abs(g0) + Math.abs(g1), within(TOL));
            assertThat(maxAbs[i]).isCloseTo(Math.max(Math.abs(g0), Math.abs(g1)), within(TOL));
            assertThat(gxi[i]).isCloseTo(x[i] * g0 + x[36 + i] * g1, within(TOL));
            assertThat(gxiMax[i]).isCloseTo(Math.max(Math.abs(x[i] * g0), Math.abs(x[36 + i] * g1)), within(TOL));
            nonzero += Math.abs(g0) + Math.abs(g1);
        }
        assertThat(nonzero).as("the gradient is not identically zero").isGreaterThan(0.1);
    }

    @Test
    void withoutATargetTheArgMaxLogitIsExplainedAndJoinsTheSelection() {
        Network net = Fixtures.twoChannelClassifier(6, 5);
        int logits = net.node("logits").orElseThrow().id();
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = Gaussian.vector(rng, 72, 1);
            double[] l = Fixtures.value(net, logits, x);
            int argmax = l[0] >= l[1] && l[0] >= l[2] ? 0 : l[1] >= l[2] ? 1 : 2;
            SaliencyMap m = map(new GradientMethod.SignedProvider(), net, Parameters.empty(), x);
            assertThat(m.target()).isEqualTo(argmax);
            assertThat(m.targetFromArgmax()).isTrue();
            double[] g = Fixtures.finiteDifference(net, logits, argmax, x, STEP);
            for (int i = 0; i < 36; i++) {
                assertThat(m.values()[i]).isCloseTo(g[i] + g[36 + i], within(TOL));
            }
        }
    }

    @Test
    void smoothGradIsTheAbsoluteMeanGradientOverTheDocumentedSeededDraws() {
        Network net = Fixtures.twoChannelClassifier(6, 7);
        int logits = net.node("logits").orElseThrow().id();
        double[] x = Gaussian.vector(new SplittableRandom(8), 72, 1);
        int m = 5;
        double noise = 0.4;
        long seed = 99;
        Parameters params = Parameters.empty().with("target", "2").with("m", "5").with("noise", "0.4")
                .with("seed", "99");
        double[] got = map(new SmoothGradMethod.Provider(), net, params, x).values();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] mean = new double[72];
        for (int j = 0; j < m; j++) {
            double[] shifted = new double[72];
            for (int i = 0; i < 72; i++) {
                shifted[i] = x[i] + noise * rng.nextGaussian();
            }
            double[] g = Fixtures.finiteDifference(net, logits, 2, shifted, STEP);
            for (int i = 0; i < 72; i++) {
                mean[i] += g[i] / m;
            }
        }
        for (int i = 0; i < 36; i++) {
            assertThat(got[i]).isCloseTo(Math.abs(mean[i]) + Math.abs(mean[36 + i]), within(TOL));
        }
        // another seed gives another map
        double[] other = map(new SmoothGradMethod.Provider(), net, params.with("seed", "100"), x).values();
        assertThat(other).isNotEqualTo(got);
    }

    @Test
    void integratedGradientsOfALinearNetworkAreInputMinusBaselineTimesTheWeightsForAnyStepCount() {
        SplittableRandom rng = new SplittableRandom(9);
        Network.Builder b = Network.builder(TensorShape.of(1, 5, 5));
        double[] w = Gaussian.vector(rng, 9, 1);
        int conv = b.add("conv", Conv2d.of(1, 1, 3, 3, w, new double[] {0.3}, Padding.symmetric(1)), b.input());
        int gap = b.add("gap", new GlobalAvgPool(), conv);
        Network net = b.build(b.add("dense", new Dense(1, 1, new double[] {2.0}, new double[] {0.5}), gap));
        double[] x = Gaussian.vector(rng, 25, 1);
        // f(x) = 2 mean(conv(x)) + const: its gradient at pixel (h, w) is 2/25 times the sum of the kernel
        // weights that reach it
        double[] grad = new double[25];
        for (int h = 0; h < 5; h++) {
            for (int ww = 0; ww < 5; ww++) {
                for (int u = 0; u < 3; u++) {
                    for (int v = 0; v < 3; v++) {
                        int oh = h - u + 1;
                        int ow = ww - v + 1;
                        if (oh >= 0 && oh < 5 && ow >= 0 && ow < 5) {
                            grad[h * 5 + ww] += 2.0 / 25 * w[u * 3 + v];
                        }
                    }
                }
            }
        }
        for (String m : new String[] {"1", "3", "16"}) {
            double[] got = map(new IntegratedGradientsMethod.Provider(), net, Parameters.empty().with("m", m)
                    .with("baseline", "0.25"), x).values();
            double total = 0;
            for (int i = 0; i < 25; i++) {
                assertThat(got[i]).isCloseTo((x[i] - 0.25) * grad[i], within(1e-12));
                total += got[i];
            }
            // completeness: the attributions add up to f(x) - f(b)
            double[] b0 = new double[25];
            java.util.Arrays.fill(b0, 0.25);
            double fx = Fixtures.value(net, net.output(), x)[0];
            double fb = Fixtures.value(net, net.output(), b0)[0];
            assertThat(total).isCloseTo(fx - fb, within(1e-12));
        }
    }

    @Test
    void integratedGradientsAreTheRiemannSumOfGradientsAlongTheScaledInputsFromAnImageBaseline() {
        Network net = Fixtures.twoChannelClassifier(6, 11);
        int logits = net.node("logits").orElseThrow().id();
        SplittableRandom rng = new SplittableRandom(12);
        double[] x = Gaussian.vector(rng, 72, 1);
        double[] hwc = Gaussian.vector(rng, 72, 0.3);
        double[] baseline = new double[72];
        for (int pix = 0; pix < 36; pix++) {
            baseline[pix] = hwc[2 * pix];
            baseline[36 + pix] = hwc[2 * pix + 1];
        }
        int m = 4;
        Parameters params = Parameters.empty().with("target", "0").with("m", "4")
                .with("baseline", IntegratedGradientsMethod.baselineOption(hwc));
        double[] got = map(new IntegratedGradientsMethod.Provider(), net, params, x).values();
        double[] sum = new double[72];
        for (int j = 1; j <= m; j++) {
            double[] scaled = new double[72];
            for (int i = 0; i < 72; i++) {
                scaled[i] = baseline[i] + (double) j / m * (x[i] - baseline[i]);
            }
            double[] g = Fixtures.finiteDifference(net, logits, 0, scaled, STEP);
            for (int i = 0; i < 72; i++) {
                sum[i] += g[i];
            }
        }
        for (int i = 0; i < 36; i++) {
            double expected = (x[i] - baseline[i]) * sum[i] / m + (x[36 + i] - baseline[36 + i]) * sum[36 + i] / m;
            assertThat(got[i]).isCloseTo(expected, within(TOL));
        }
    }

    @Test
    void badOptionsAreTypedErrorsThatNameTheOption() {
        Network net = Fixtures.twoChannelClassifier(6, 1);
        SmoothGradMethod.Provider sg = new SmoothGradMethod.Provider();
        IntegratedGradientsMethod.Provider ig = new IntegratedGradientsMethod.Provider();
        assertThatThrownBy(() -> sg.create(net, Parameters.empty().with("m", "0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("option m");
        assertThatThrownBy(() -> sg.create(net, Parameters.empty().with("noise", "-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("option noise");
        assertThatThrownBy(() -> sg.create(net, Parameters.empty().with("seed", "x1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("option seed");
        assertThatThrownBy(() -> ig.create(net, Parameters.empty().with("baseline", "1,2,3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("baseline has 3 values");
        assertThatThrownBy(() -> ig.create(net, Parameters.empty().with("baseline", "one")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'one'");
        assertThatThrownBy(() -> new GradientMethod.AbsoluteProvider().create(net,
                Parameters.empty().with("channels", "mean")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--channels");
        assertThatThrownBy(() -> new GradientMethod.SignedProvider().create(net,
                Parameters.empty().with("target", "3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--target 3");
    }

    @Test
    void theMethodsArePiecewiseLinearAndNamedAsTheDesignSays() {
        Network net = Fixtures.twoChannelClassifier(6, 1);
        assertThat(new GradientMethod.AbsoluteProvider().create(net, Parameters.empty()).name()).isEqualTo("gradient");
        assertThat(new GradientMethod.SignedProvider().create(net, Parameters.empty()).name())
                .isEqualTo("signed-gradient");
        assertThat(new GradientMethod.GradXInputProvider().create(net, Parameters.empty()).name())
                .isEqualTo("grad-x-input");
        SmoothGradMethod sg = (SmoothGradMethod) new SmoothGradMethod.Provider().create(net, Parameters.empty());
        assertThat(sg.name()).isEqualTo("smoothgrad");
        assertThat(sg.draws()).isEqualTo(SmoothGradMethod.DEFAULT_M);
        assertThat(sg.can(Capabilities.PIECEWISE_LINEAR)).isTrue();
        IntegratedGradientsMethod igm = (IntegratedGradientsMethod) new IntegratedGradientsMethod.Provider()
                .create(net, Parameters.empty());
        assertThat(igm.name()).isEqualTo("integrated-gradients");
        assertThat(igm.steps()).isEqualTo(IntegratedGradientsMethod.DEFAULT_M);
    }
}
