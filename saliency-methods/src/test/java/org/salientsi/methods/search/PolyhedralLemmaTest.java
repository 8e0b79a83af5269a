package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * A network without ReLU makes the CAM an affine function of the image, so the selection event is a
 * polyhedron and the truncation set one interval [V-, V+] (Lee et al.'s polyhedral lemma). This test
 * computes the CAM's affine map directly from the weights, V-, V+ and the p-values in closed form with
 * Commons Math, and compares.
 */
class PolyhedralLemmaTest {

    private static final int H = 6;
    private static final int W = 5;

    @Test
    void selectivePValueEqualsThePolyhedralLemmaForALinearNetwork() {
        SplittableRandom rng = new SplittableRandom(2023);
        double[] k = Gaussian.vector(rng, 2 * 9, 1);
        double[] bias = {0.3, -0.2};
        double[] v = {0.8, -1.1};
        Network.Builder b = Network.builder(TensorShape.of(1, H, W));
        int conv = b.add("conv", Conv2d.of(2, 1, 3, 3, k, bias, Padding.symmetric(1)), b.input());
        int gap = b.add("gap", new GlobalAvgPool(), conv);
        Network net = b.build(b.add("dense", new Dense(2, 1, v, new double[] {0}), gap));
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceMeanStatistic());
        int checked = 0;
        int ciEnds = 0;
        for (int trial = 0; trial < 40; trial++) {
            double[] x = Gaussian.vector(rng, H * W, 1);
            double[] r = Gaussian.vector(rng, H * W, 1);
            double[] cam = camOf(k, bias, v, x);
            boolean[] o = new boolean[H * W];
            int size = 0;
            for (int i = 0; i < o.length; i++) {
                o[i] = cam[i] >= 0;
                size += o[i] ? 1 : 0;
            }
            if (size == 0) {
                continue;
            }
            // T, sigma_T, c, a for eta = [1_O/|O|; -1_O/|O|] and Sigma = I
            double t = 0;
            for (int i = 0; i < o.length; i++) {
                if (o[i]) {
                    t += (x[i] - r[i]) / size;
                }
            }
            double var = 2.0 / size;
            double[] cx = new double[H * W];
            double[] ax = new double[H * W];
            for (int i = 0; i < cx.length; i++) {
                cx[i] = o[i] ? (1.0 / size) / var : 0;
                ax[i] = x[i] - cx[i] * t;
            }
            // CAM(a + c z) = cam(a) + (cam(c) - cam(0)) z: affine pieces per pixel
            double[] camA = camOf(k, bias, v, ax);
            double[] camC = camOf(k, bias, v, cx);
            double[] cam0 = camOf(k, bias, v, new double[H * W]);
            double vMinus = Double.NEGATIVE_INFINITY;
            double vPlus = Double.POSITIVE_INFINITY;
            for (int i = 0; i < o.length; i++) {
                double p = camA[i];
                double q = camC[i] - cam0[i];
                // selected: p + q z >= 0; not selected: p + q z < 0
                double sign = o[i] ? 1 : -1;
                double pp = sign * p;
                double qq = sign * q;
                if (qq > 0) {
                    vMinus = Math.max(vMinus, -pp / qq);
                } else if (qq < 0) {
                    vPlus = Math.min(vPlus, -pp / qq);
                }
            }
            double sigma = Math.sqrt(var);
            double zMin = -Math.abs(t) - 10 * sigma;
            double zMax = Math.abs(t) + 10 * sigma;
            double lo = Math.max(vMinus, zMin);
            double hi = Math.min(vPlus, zMax);
            NormalDistribution nd = new NormalDistribution(null, 0, sigma);
            double mass = nd.cumulativeProbability(hi) - nd.cumulativeProbability(lo);
            if (mass < 1e-6) {
                continue; // closed form in plain doubles would lose digits; the reference CSV covers tails
            }
            double f = (nd.cumulativeProbability(t) - nd.cumulativeProbability(lo)) / mass;
            double expected = Math.min(1, 2 * Math.min(f, 1 - f));

            SelectiveResult res = SelectiveTest.withDefaults()
                    .run(selection, Observation.of(Image.grey(H, W, x), Image.grey(H, W, r)), Provenance.empty());
            assertThat(res.statistic()).isCloseTo(t, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(res.intervals().size()).isEqualTo(1);
            assertThat(res.intervals().lower(0)).isCloseTo(lo, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(res.intervals().upper(0)).isCloseTo(hi, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(res.selectiveP()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
            // one linear piece: OC equals selective on the unclipped polyhedron
            assertThat(res.ocInterval().lo()).isCloseTo(vMinus, org.assertj.core.api.Assertions.within(1e-9));
            ciEnds += checkConfidenceInterval(res, vMinus, vPlus, t, sigma);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
        assertThat(ciEnds).isGreaterThanOrEqualTo(30);
    }

    /** The CI ends solve F_mu(T) = 0.025 and 0.975 on [V-, V+] (the search widens beyond the range). */
    private static int checkConfidenceInterval(SelectiveResult res, double lo, double hi, double t, double sigma) {
        BrentSolver solver = new BrentSolver(1e-12, 1e-10);
        int checkedEnds = 0;
        for (int end = 0; end < 2; end++) {
            double level = end == 0 ? 0.975 : 0.025;
            org.apache.commons.math3.analysis.UnivariateFunction f = mu -> {
                NormalDistribution nd = new NormalDistribution(null, mu, sigma);
                double a = Double.isInfinite(lo) ? 0 : nd.cumulativeProbability(lo);
                double bb = Double.isInfinite(hi) ? 1 : nd.cumulativeProbability(hi);
                return (nd.cumulativeProbability(t) - a) / (bb - a) - level;
            };
            Double got = res.ci().end(end);
            double left = t - 6 * sigma;
            double right = t + 6 * sigma;
            double fl = f.value(left);
            double fr = f.value(right);
            if (Double.isNaN(fl) || Double.isNaN(fr) || Math.signum(fl) == Math.signum(fr)) {
                continue; // beyond what plain doubles resolve here
            }
            double expected = solver.solve(1000, f, left, right);
            assertThat(got).as("ci end %d", end).isNotNull();
            assertThat(got).isCloseTo(expected, org.assertj.core.api.Assertions.within(2e-3 * sigma));
            checkedEnds++;
        }
        return checkedEnds;
    }

    /** CAM = sum_k v_k (bias_k + conv_k(x)) computed from the definition. */
    private static double[] camOf(double[] k, double[] bias, double[] v, double[] x) {
        double[] cam = new double[H * W];
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < W; j++) {
                double s = 0;
                for (int ch = 0; ch < 2; ch++) {
                    double conv = bias[ch];
                    for (int u = -1; u <= 1; u++) {
                        for (int w = -1; w <= 1; w++) {
                            int r = i + u;
                            int c = j + w;
                            if (r >= 0 && r < H && c >= 0 && c < W) {
                                conv += k[ch * 9 + (u + 1) * 3 + (w + 1)] * x[r * W + c];
                            }
                        }
                    }
                    s += v[ch] * conv;
                }
                cam[i * W + j] = s;
            }
        }
        return cam;
    }
}
