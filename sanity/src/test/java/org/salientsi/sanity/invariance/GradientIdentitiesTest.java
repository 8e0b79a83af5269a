package org.salientsi.sanity.invariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.sanity.SanityImage;

/**
 * The identities of SANITY.md section 4.7 with the installed gradient methods, on the Java-built MLP
 * and on the zero-padded CNN (bias-map compensation): the gradient passes, gradient x input fails with
 * {@code A2 - A1 = m * grad f}, integrated gradients with the zero baseline fails with
 * {@code sum IG2 - sum IG1 = f1(0) - f1(-m)}, and with the baseline moved by {@code m} passes.
 */
class GradientIdentitiesTest {

    private static final long IMAGE_SEED = 11L;
    private static final double M = -1.0;
    /** Riemann steps of integrated gradients: the completeness sums are exact up to this quadrature. */
    private static final String IG_STEPS = "1024";

    private final PluginRegistry<SaliencyMethodProvider> methods = PluginRegistry.load(SaliencyMethodProvider.class,
            "saliency method");

    private static List<SanityImage> images(int n, int size) {
        SplittableRandom rng = new SplittableRandom(IMAGE_SEED);
        List<SanityImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[size];
            for (int k = 0; k < size; k++) {
                x[k] = rng.nextDouble();
            }
            out.add(SanityImage.of("x" + i, x));
        }
        return out;
    }

    private InvarianceCheck.MethodFactory method(String name, Parameters base, Parameters shifted) {
        return (net, isShifted) -> methods.get(name).create(net, isShifted ? shifted : base);
    }

    private void checkIdentities(Network f1, ShiftCompensation.Mode mode, Parameters target, int size, int count) {
        List<SanityImage> xs = images(count, size);
        InvarianceCheck check = InvarianceCheck.float64();
        double[] m = {M};
        InvarianceCheck.Result grad = check.run(f1, m, mode, xs, method("signed-gradient", target, target));
        assertThat(grad.verdict()).isEqualTo(InvarianceCheck.Verdict.PASS);
        assertThat(grad.maxRel()).isLessThan(1e-12);

        InvarianceCheck.Result gi = check.run(f1, m, mode, xs, method("grad-x-input", target, target));
        assertThat(gi.verdict()).isEqualTo(InvarianceCheck.Verdict.FAIL);
        for (int i = 0; i < xs.size(); i++) {
            double[] g = grad.images().get(i).a1();
            InvarianceCheck.ImageResult r = gi.images().get(i);
            for (int p = 0; p < g.length; p++) {
                assertThat(r.a2()[p] - r.a1()[p]).as("image %d pixel %d", i, p).isCloseTo(M * g[p], within(1e-12));
            }
        }

        Parameters ig = target.with("m", IG_STEPS);
        InvarianceCheck.Result zero = check.run(f1, m, mode, xs, method("integrated-gradients", ig, ig));
        assertThat(zero.verdict()).isEqualTo(InvarianceCheck.Verdict.FAIL);
        int unit = Integer.parseInt(target.get("target").orElse("0"));
        double f0 = output(f1, new double[size], unit);
        double[] minusM = new double[size];
        java.util.Arrays.fill(minusM, -M);
        double expected = f0 - output(f1, minusM, unit);
        for (InvarianceCheck.ImageResult r : zero.images()) {
            assertThat(sum(r.a2()) - sum(r.a1())).isCloseTo(expected, within(5e-3 * (1 + Math.abs(expected))));
        }
        InvarianceCheck.Result moved = check.run(f1, m, mode, xs,
                method("integrated-gradients", ig, ig.with("baseline", String.valueOf(M))));
        assertThat(moved.verdict()).isEqualTo(InvarianceCheck.Verdict.PASS);
    }

    private static double output(Network net, double[] x, int unit) {
        return CompiledNetwork.compile(net).pointEvaluator().evaluate(x).value(net.output())[unit];
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }

    @Test
    void identitiesHoldOnTheJavaBuiltMlp() {
        checkIdentities(ShiftCompensationTest.mlp(), ShiftCompensation.Mode.SCALAR, Parameters.empty().with("target",
                "0"), 4, 20);
    }

    @Test
    void identitiesHoldOnTheZeroPaddedCnnWithTheBiasMap() {
        Network f1 = ShiftCompensationTest.cnn(Padding.symmetric(1));
        checkIdentities(f1, ShiftCompensation.Mode.BIAS_MAP, Parameters.empty().with("target", "1"), 64, 5);
        InvarianceCheck.Result gate = InvarianceCheck.float64().run(f1, new double[] {M}, ShiftCompensation.Mode.SCALAR,
                images(5, 64), method("signed-gradient", Parameters.empty().with("target", "1"),
                        Parameters.empty().with("target", "1")));
        assertThat(gate.verdict()).isEqualTo(InvarianceCheck.Verdict.INCONCLUSIVE);
    }
}
