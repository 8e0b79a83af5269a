package org.salientsi.validation.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.backend.onnx.OnnxBackendProvider;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.testing.Gaussian;

/**
 * Exact p-values of the segmented region ({@code segmentation}, {@code threshold:0}) of the 8 px U-Net
 * exported from PyTorch, against a reference ({@code ref-mean}) and against the background
 * ({@code contrast}): the truncation set the search finds equals brute force (on a grid of 5,000 points of
 * the search range the logit map and the region are recomputed from scratch at \( Y(z) = a + c z \) by
 * point evaluation), and the selective p-value equals the two-sided truncated-normal p-value computed from
 * that set with Commons Math's normal distribution.
 */
class SegmentationExactPValueTest {

    private static final int GRID = 5_000;
    private static final Plugins PLUGINS = Plugins.load();

    @Test
    void truncationSetAndPValueEqualBruteForceAgainstAReferenceAndAgainstTheBackground() throws Exception {
        try (LoadedModel model = new OnnxBackendProvider().backend().load(UNetFixtures.unet(8), Parameters.empty())) {
            Network net = model.network();
            SaliencyMethod method = PLUGINS.method("segmentation", net, Parameters.empty());
            RegionSelector selector = PLUGINS.selector("threshold:0");
            SplittableRandom rng = new SplittableRandom(2026_12_07L);
            for (String statistic : new String[] {"ref-mean", "contrast"}) {
                TestStatistic stat = PLUGINS.statistic(statistic, Parameters.empty());
                Selection selection = new Selection(CompiledNetwork.compile(net), method, selector, stat);
                int tested = 0;
                for (int trial = 0; trial < 40 && tested < 3; trial++) {
                    double[] x = Gaussian.vector(rng, 64, 1);
                    if (trial % 2 == 1) {
                        // the block the network was trained on, shifted by 2
                        for (int r = 2; r < 6; r++) {
                            for (int c = 2; c < 6; c++) {
                                x[r * 8 + c] += 2;
                            }
                        }
                    }
                    Observation obs = statistic.equals("contrast") ? Observation.of(Image.grey(8, 8, x))
                            : Observation.of(Image.grey(8, 8, x), Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
                    SelectiveResult res;
                    try {
                        res = SelectiveTest.withDefaults().withRange(5).withConfidenceLevel(0).run(selection, obs,
                                Provenance.empty());
                    } catch (EmptyRegionException e) {
                        continue;
                    }
                    if (!res.tested()) {
                        continue;
                    }
                    bruteForce(statistic, net, method, selector, stat, obs, res);
                    tested++;
                }
                assertThat(tested).as("%s: tests compared", statistic).isEqualTo(3);
            }
        }
    }

    private static void bruteForce(String label, Network net, SaliencyMethod method, RegionSelector selector,
                                   TestStatistic stat, Observation obs, SelectiveResult res) {
        double[] eta = stat.contrast(res.region(), obs).eta();
        double[] y = obs.stacked();
        double t = 0;
        double var = 0;
        for (int i = 0; i < y.length; i++) {
            t += eta[i] * y[i];
            var += eta[i] * eta[i];
        }
        assertThat(res.statistic()).isCloseTo(t, within(1e-9 * (1 + Math.abs(t))));
        assertThat(res.sigmaT()).isCloseTo(Math.sqrt(var), within(1e-12));
        int n = obs.imageSize();
        double[] a = new double[y.length];
        double[] c = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            c[i] = eta[i] / var;
            a[i] = y[i] - c[i] * t;
        }
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        boolean[] mask = res.region().toMask();
        double lo = res.searchRange().lo();
        double hi = res.searchRange().hi();
        IntervalSet z = res.intervals();
        int mismatches = 0;
        int inside = 0;
        double[] x = new double[n];
        for (int k = 0; k < GRID; k++) {
            double zk = lo + (hi - lo) * (k + 0.5) / GRID;
            for (int i = 0; i < n; i++) {
                x[i] = a[i] + c[i] * zk;
            }
            boolean member = selector.select(method.map(point.evaluate(x))).matches(mask);
            inside += member ? 1 : 0;
            if (member != z.contains(zk) && !nearEnd(z, zk)) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("%s: grid points where search and brute force disagree, set %s", label, z)
                .isZero();
        assertThat(inside).as("%s: grid points in the set", label).isPositive();
        // two-sided truncated-normal p-value 2 min(F, 1 - F) from the set, independently of the engine
        NormalDistribution normal = new NormalDistribution(null, 0, Math.sqrt(var));
        double below = 0;
        double total = 0;
        for (int i = 0; i < z.size(); i++) {
            double l = z.lower(i);
            double u = z.upper(i);
            total += normal.probability(l, u);
            below += t <= l ? 0 : normal.probability(l, Math.min(u, t));
        }
        double f = below / total;
        double p = Math.min(1, 2 * Math.min(f, 1 - f));
        assertThat(res.selectiveP()).as("%s selective p (T = %s, set %s)", label, t, z).isCloseTo(p,
                within(1e-6 * Math.max(p, 1e-3)));
    }

    private static boolean nearEnd(IntervalSet z, double x) {
        for (int i = 0; i < z.size(); i++) {
            if (Math.abs(x - z.lower(i)) <= 1e-9 * Math.max(1, Math.abs(x))
                    || Math.abs(x - z.upper(i)) <= 1e-9 * Math.max(1, Math.abs(x))) {
                return true;
            }
        }
        return false;
    }
}
