package org.salientsi.methods.exact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.testing.Gaussian;

/**
 * For every piecewise-linear method: along random lines, on every piece the line map
 * \( p + q z \) equals the point map at random points inside the piece (computed from scratch by point
 * evaluation; with the observed target where the arg-max differs), the method reports the piece as
 * consistent exactly when the arg-max target there is the
 * observed one, and the pieces tile the range.
 */
class LineMapConsistencyTest {

    private static final int SIZE = 6;
    private static final double RANGE = 5;

    @Test
    void lineMapsEqualPointMapsInsideEveryPieceForEveryMethod() {
        SplittableRandom rng = new SplittableRandom(2026);
        for (MethodCases.Case c : MethodCases.all(SIZE)) {
            int pieces = 0;
            int inconsistent = 0;
            for (int l = 0; l < 2; l++) {
                int[] counts = walk(c, rng);
                pieces += counts[0];
                inconsistent += counts[1];
            }
            assertThat(pieces).as("%s pieces", c.label()).isGreaterThan(4);
            if (c.label().contains("classifier")) {
                assertThat(inconsistent).as("%s pieces with another arg-max", c.label()).isPositive();
            }
        }
    }

    /** @return {pieces, pieces whose arg-max target differs from the observed one} */
    private static int[] walk(MethodCases.Case c0, SplittableRandom rng) {
        Network net = c0.network();
        SaliencyMethod method = c0.method();
        String label = c0.label();
        CompiledNetwork program = CompiledNetwork.compile(net);
        LineEvaluator line = program.lineEvaluator(method.requiredNodes());
        PointEvaluator point = program.pointEvaluator();
        int n = net.inputShape().size();
        int plane = net.inputShape().plane();
        double[] a = Gaussian.vector(rng, n, 1);
        double[] c = Gaussian.vector(rng, n, 1);
        SaliencyMap observed = method.map(point.evaluate(a));
        SaliencyMethod fixed = c0.withTarget(observed.target());
        line.setLine(a, c);
        double[] p = new double[plane];
        double[] q = new double[plane];
        int pieces = 0;
        int inconsistent = 0;
        for (double z = -RANGE; z < RANGE; pieces++) {
            line.evaluate(z);
            boolean consistent = method.lineMap(line, observed, new LinearMap(observed.height(), observed.width(), p, q));
            double lo = line.lower();
            double hi = line.upper();
            assertThat(lo).as(label).isLessThanOrEqualTo(z);
            assertThat(hi).as(label).isGreaterThan(z);
            double end = Math.min(hi, RANGE);
            for (int k = 0; k < 2; k++) {
                double t = z + (end - z) * (0.1 + 0.8 * rng.nextDouble());
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = a[i] + c[i] * t;
                }
                SaliencyMap at = method.map(point.evaluate(x));
                assertThat(consistent).as("%s consistency at z = %s", label, t)
                        .isEqualTo(at.target() == observed.target());
                // the line map explains the observed target, whatever the arg-max on this piece
                double[] v = consistent ? at.values() : fixed.map(point.evaluate(x)).values();
                for (int i = 0; i < plane; i++) {
                    double expected = v[i];
                    double tol = 1e-9 * (1 + Math.abs(p[i]) + Math.abs(q[i] * t));
                    assertThat(p[i] + q[i] * t).as("%s pixel %d at z = %s in [%s, %s)", label, i, t, z, end)
                            .isCloseTo(expected, org.assertj.core.api.Assertions.within(tol));
                }
            }
            inconsistent += consistent ? 0 : 1;
            z = end;
        }
        return new int[] {pieces, inconsistent};
    }
}
