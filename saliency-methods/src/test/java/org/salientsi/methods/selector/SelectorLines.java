package org.salientsi.methods.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.salientsi.api.image.Region;
import org.salientsi.api.ir.Identity;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.LineEvaluator;
import org.salientsi.core.testing.Gaussian;

/**
 * Walks a selector along lines of maps \( S(z) = p + q z \) (given to it as a one-op identity network's
 * line evaluation, so that its decisions narrow a real piece) and checks it against point selection:
 * at several points inside each piece the selection of the map there equals the piece's selection.
 */
final class SelectorLines {

    private SelectorLines() {
    }

    /**
     * @return the number of pieces checked
     */
    static int check(RegionSelector selector, int height, int width, double[] p, double[] q, double zMin,
                     double zMax, SplittableRandom rng) {
        int n = height * width;
        Network.Builder b = Network.builder(TensorShape.of(1, height, width));
        Network net = b.build(b.add("id", new Identity(), b.input()));
        LineEvaluator line = CompiledNetwork.compile(net).lineEvaluator(net.output());
        line.setLine(p, q);
        RegionMask mask = RegionMask.of(height, width);
        int pieces = 0;
        for (double z = zMin; z < zMax; pieces++) {
            line.evaluate(z);
            selector.select(new LinearMap(height, width, line.intercept(net.output()), line.slope(net.output())), line,
                    mask);
            boolean[] region = mask.toArray();
            double lo = line.lower();
            double hi = line.upper();
            assertThat(lo).isLessThanOrEqualTo(z);
            assertThat(hi).isGreaterThan(z);
            double end = Math.min(hi, zMax);
            for (int k = 0; k < 3; k++) {
                double t = z + (end - z) * (0.05 + 0.9 * rng.nextDouble());
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = p[i] + q[i] * t;
                }
                Region atPoint = selector.select(new SaliencyMap(height, width, v, 0, false));
                assertThat(atPoint.toMask()).as("%s at z = %s in piece [%s, %s)", selector.name(), t, z, end)
                        .containsExactly(region);
            }
            z = end;
        }
        return pieces;
    }

    /** Random lines through maps, with some exact ties (pairs of pixels on the same line). */
    static int checkRandom(RegionSelector selector, int height, int width, int lines, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = height * width;
        int pieces = 0;
        for (int l = 0; l < lines; l++) {
            double[] p = Gaussian.vector(rng, n, 1);
            double[] q = Gaussian.vector(rng, n, 1);
            for (int i = 0; i + 1 < n; i += 5) {
                p[i + 1] = p[i];
                q[i + 1] = q[i];
            }
            pieces += check(selector, height, width, p, q, -4, 4, rng);
        }
        return pieces;
    }
}
