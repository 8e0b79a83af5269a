package org.salientsi.core.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * Reverse passes against central finite differences of the point evaluator (an independent forward
 * implementation). A piecewise-linear network is affine between kinks, so a central difference with a
 * step that crosses no kink is exact up to rounding; a coordinate whose forward and backward one-sided
 * differences disagree straddles a kink and is skipped (and counted, so that the check cannot pass
 * vacuously).
 */
class BackpropFiniteDifferenceTest {

    private static final double STEP = 1e-6;

    @Test
    void everyIrOpHasTheGradientOfFiniteDifferences() {
        for (long seed = 1; seed <= 3; seed++) {
            Network net = TestNetworks.allOps(seed);
            int logits = net.node("logits").orElseThrow().id();
            checkJacobian(net, logits, 3, new SplittableRandom(100 + seed));
        }
    }

    @Test
    void slicesAlongEachAxisHaveTheGradientOfFiniteDifferences() {
        Network net = TestNetworks.sliced(12);
        checkJacobian(net, net.output(), 3, new SplittableRandom(13));
    }

    @Test
    void thePaperArchitectureHasTheGradientOfFiniteDifferences() {
        Network random = TestNetworks.paperCam(8, 5, false);
        checkJacobian(random, random.node("dense").orElseThrow().id(), 4, new SplittableRandom(7));
        Network passThrough = TestNetworks.paperCam(8, 5, true);
        checkJacobian(passThrough, passThrough.node("dense").orElseThrow().id(), 4, new SplittableRandom(8));
    }

    @Test
    void convolutionsWithStrideDilationPaddingAndGroupsAndPoolsInCeilModeHaveExactGradients() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] configs = { // inC, outC, k, stride, dilation, pad, groups, H, W
            {1, 3, 3, 1, 1, 1, 1, 6, 5}, {4, 4, 3, 2, 1, 1, 2, 7, 7}, {2, 4, 3, 1, 2, 2, 1, 8, 6},
            {3, 6, 2, 2, 1, 0, 3, 5, 9}, {2, 2, 5, 1, 1, 0, 1, 7, 7}, {4, 2, 1, 1, 1, 0, 2, 4, 4}};
        for (int[] cfg : configs) {
            TensorShape in = TensorShape.of(cfg[0], cfg[7], cfg[8]);
            int k = cfg[2];
            Padding p = Padding.of(cfg[5], cfg[5] + 1 >> 1, cfg[5], cfg[5]);
            Network.Builder b = Network.builder(in);
            int x = b.add("conv", new Conv2d(cfg[1], cfg[0], k, k,
                    Gaussian.vector(rng, cfg[1] * (cfg[0] / cfg[6]) * k * k, 1), Gaussian.vector(rng, cfg[1], 0.2),
                    cfg[3], cfg[3], cfg[4], cfg[4], p, cfg[6]), b.input());
            x = b.add("relu", new Relu(), x);
            x = b.add("pool", new MaxPool(2, 2, 2, 2, Padding.of(0, 0, 1, 1), true), x);
            x = b.add("avg", new AvgPool(2, 2, 1, 1, Padding.of(1, 1, 0, 0), true, true), x);
            int size = b.shape(x).size();
            x = b.add("flat", new Flatten(Flatten.Order.HWC), x);
            x = b.add("dense", new Dense(size, 2, Gaussian.vector(rng, 2 * size, 1), null), x);
            Network net = b.build(x);
            checkJacobian(net, net.output(), 2, rng);
        }
    }

    @Test
    void gradientsWithRespectToAnIntermediateNodeComposeWithTheRestOfTheNetwork() {
        Network net = TestNetworks.allOps(9);
        int logits = net.node("logits").orElseThrow().id();
        int mid = net.node("residual").orElseThrow().id();
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        point.evaluate(Gaussian.vector(new SplittableRandom(3), net.inputShape().size(), 1));
        Backprop top = ReverseProgram.compile(net, logits, mid).newBackprop();
        Backprop bottom = ReverseProgram.compile(net, mid, net.input()).newBackprop();
        Backprop whole = ReverseProgram.compile(net, logits, net.input()).newBackprop();
        top.decide(point);
        bottom.decide(point);
        whole.decide(point);
        // the residual node is a cut of the graph: every path from the input to the logits crosses it
        double[] viaMid = bottom.gradient(top.gradient(1).clone()).clone();
        double[] direct = whole.gradient(1);
        for (int i = 0; i < direct.length; i++) {
            assertThat(viaMid[i]).isCloseTo(direct[i], org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void badNodesAndNonLinearOpsAreTypedErrors() {
        Network net = TestNetworks.paperCam(8, 1, true);
        int dense = net.node("dense").orElseThrow().id();
        assertThatThrownBy(() -> ReverseProgram.compile(net, net.output(), net.input()))
                .isInstanceOf(UnsupportedLayerException.class).hasMessageContaining("Sigmoid");
        assertThatThrownBy(() -> ReverseProgram.compile(net, net.node("conv1").orElseThrow().id(), dense))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not depend");
        assertThatThrownBy(() -> ReverseProgram.compile(net, 99, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("99");
        Backprop bp = ReverseProgram.compile(net, dense, net.input()).newBackprop();
        assertThatThrownBy(() -> bp.gradient(0)).isInstanceOf(IllegalStateException.class);
    }

    /** Compares every entry of the Jacobian of {@code output} with central differences at random points. */
    private static void checkJacobian(Network net, int output, int points, SplittableRandom rng) {
        CompiledNetwork program = CompiledNetwork.compile(net);
        PointEvaluator at = program.pointEvaluator();
        PointEvaluator probe = program.pointEvaluator();
        Backprop bp = ReverseProgram.compile(net, output, net.input()).newBackprop();
        int n = net.inputShape().size();
        int units = net.node(output).shape().size();
        int compared = 0;
        int skipped = 0;
        for (int pt = 0; pt < points; pt++) {
            double[] x = Gaussian.vector(rng, n, 1);
            double[] y0 = at.evaluate(x).value(output).clone();
            bp.decide(at);
            double[][] jac = new double[units][];
            for (int u = 0; u < units; u++) {
                jac[u] = bp.gradient(u).clone();
            }
            for (int i = 0; i < n; i++) {
                double keep = x[i];
                x[i] = keep + STEP;
                double[] plus = probe.evaluate(x).value(output).clone();
                x[i] = keep - STEP;
                double[] minus = probe.evaluate(x).value(output).clone();
                x[i] = keep;
                for (int u = 0; u < units; u++) {
                    double forward = (plus[u] - y0[u]) / STEP;
                    double backward = (y0[u] - minus[u]) / STEP;
                    double scale = 1e-7 * (1 + Math.abs(y0[u]) / STEP * 1e-9 + Math.abs(forward));
                    if (Math.abs(forward - backward) > scale) {
                        skipped++;
                        continue;
                    }
                    double central = (plus[u] - minus[u]) / (2 * STEP);
                    assertThat(jac[u][i]).as("d out[%d] / d x[%d] at point %d", u, i, pt)
                            .isCloseTo(central, org.assertj.core.api.Assertions.within(scale));
                    compared++;
                }
            }
        }
        assertThat(compared).as("entries compared").isGreaterThan(9 * (compared + skipped) / 10);
    }
}
