package org.salientsi.core.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * The activation pattern re-decided on a piece of the line: the gradient equals the one taken at a
 * point inside the piece, its inner product with the line's direction equals the slope the line
 * evaluation carries for the output (the directional derivative, an independent quantity), and
 * re-deciding does not move the piece.
 */
class LinePatternTest {

    @Test
    void onEveryPieceTheLineGradientIsThePointGradientAndGivesTheOutputsSlope() {
        check(TestNetworks.allOps(5), "logits", 41);
        check(TestNetworks.paperCam(8, 3, false), "dense", 42);
        check(TestNetworks.paperCam(8, 3, true), "dense", 43);
    }

    private static void check(Network net, String outputName, long seed) {
        int output = net.node(outputName).orElseThrow().id();
        CompiledNetwork program = CompiledNetwork.compile(net);
        ReverseProgram reverse = ReverseProgram.compile(net, output, net.input());
        LineEvaluator line = program.lineEvaluator(reverse.requiredNodes());
        PointEvaluator point = program.pointEvaluator();
        Backprop onLine = reverse.newBackprop();
        Backprop atPoint = reverse.newBackprop();
        SplittableRandom rng = new SplittableRandom(seed);
        int n = net.inputShape().size();
        int units = net.node(output).shape().size();
        double[] a = Gaussian.vector(rng, n, 1);
        double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
        line.setLine(a, c);
        int pieces = 0;
        for (double z = -6; z < 6; pieces++) {
            line.evaluate(z);
            double lo = line.lower();
            double hi = line.upper();
            onLine.decide(line);
            assertThat(line.lower()).isEqualTo(lo);
            assertThat(line.upper()).isEqualTo(hi);
            double end = Math.min(hi, 6);
            double t = z + (end - z) * (0.2 + 0.6 * rng.nextDouble());
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = a[i] + c[i] * t;
            }
            atPoint.decide(point.evaluate(x));
            for (int u = 0; u < units; u++) {
                double[] g = onLine.gradient(u).clone();
                double[] h = atPoint.gradient(u);
                double directional = 0;
                for (int i = 0; i < n; i++) {
                    assertThat(g[i]).isCloseTo(h[i], within(1e-12 * (1 + Math.abs(h[i]))));
                    directional += g[i] * c[i];
                }
                double slope = line.slope(output)[u];
                assertThat(directional).isCloseTo(slope, within(1e-10 * (1 + Math.abs(slope))));
            }
            z = end;
        }
        assertThat(pieces).as("pieces on the line").isGreaterThan(3);
    }
}
