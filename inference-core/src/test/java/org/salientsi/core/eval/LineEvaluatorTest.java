package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Network;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;

/**
 * Line evaluation against point evaluation: inside every linear piece, each node's {@code p + q z}
 * equals a direct forward pass at {@code a + c z}; consecutive pieces tile the range; and evaluating
 * again from inside a piece finds the same piece (the decisions are consistent and the piece maximal).
 */
class LineEvaluatorTest {

    @Test
    void everyOpOnTheLineEqualsPointEvaluationInsidePiecesThatTileTheRange() {
        check(TestNetworks.allOps(3), 3, 21);
        check(TestNetworks.allOps(4), 3, 22);
    }

    @Test
    void thePaperArchitectureOnTheLineEqualsPointEvaluation() {
        check(TestNetworks.paperCam(8, 1, true), 9, 31);
        check(TestNetworks.paperCam(16, 2, false), 9, 32);
    }

    @Test
    void sigmoidInsideTheConditionedPartIsRefused() {
        Network net = TestNetworks.paperCam(8, 1, true);
        CompiledNetwork program = CompiledNetwork.compile(net);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> program.lineEvaluator(net.output()))
                .isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("sigmoid")
                .hasMessageContaining("Sigmoid");
    }

    private static void check(Network net, int lines, long seed) {
        CompiledNetwork program = CompiledNetwork.compile(net);
        int required = net.node(net.output()).op().piecewiseLinear() ? net.output() : net.node(net.output()).input(0);
        LineEvaluator line = program.lineEvaluator(required);
        LineEvaluator probe = program.lineEvaluator(required);
        PointEvaluator point = program.pointEvaluator();
        SplittableRandom rng = new SplittableRandom(seed);
        int n = net.inputShape().size();
        for (int l = 0; l < lines; l++) {
            double[] a = Gaussian.vector(rng, n, 1);
            double[] c = Gaussian.vector(rng, n, 1.0 / Math.sqrt(n));
            line.setLine(a, c);
            probe.setLine(a, c);
            double zMin = -8;
            double zMax = 8;
            double z = zMin;
            List<double[]> pieces = new ArrayList<>();
            while (z < zMax) {
                line.evaluate(z);
                double lo = line.lower();
                double hi = line.upper();
                assertThat(lo).isLessThanOrEqualTo(z);
                assertThat(hi).isGreaterThan(z);
                double end = Math.min(hi, zMax);
                double t = z + (end - z) * (0.1 + 0.8 * rng.nextDouble());
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = a[i] + c[i] * t;
                }
                point.evaluate(x);
                for (int node = 0; node < net.size(); node++) {
                    if (line.evaluates(node)) {
                        double[] p = line.intercept(node);
                        double[] q = line.slope(node);
                        double[] v = point.value(node);
                        for (int i = 0; i < v.length; i++) {
                            double scale = Math.abs(p[i]) + Math.abs(q[i] * t) + Math.abs(v[i]) + 1e-300;
                            assertThat(Math.abs(p[i] + q[i] * t - v[i]))
                                    .as("node %s unit %d at z = %s", net.node(node).name(), i, t)
                                    .isLessThanOrEqualTo(1e-9 * scale);
                        }
                    }
                }
                // from inside, the same piece
                probe.evaluate(t);
                assertThat(probe.upper()).as("piece end seen from inside").isEqualTo(hi);
                if (z > zMin) {
                    assertThat(Math.abs(probe.lower() - z)).as("piece start seen from inside")
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(z)));
                }
                pieces.add(new double[] {z, end});
                z = end;
            }
            assertThat(pieces.get(0)[0]).isEqualTo(zMin);
            assertThat(pieces.get(pieces.size() - 1)[1]).isEqualTo(zMax);
            for (int i = 1; i < pieces.size(); i++) {
                assertThat(pieces.get(i)[0]).isEqualTo(pieces.get(i - 1)[1]);
            }
            assertThat(pieces.size()).as("a non-trivial number of pieces").isGreaterThan(3);
        }
    }
}
