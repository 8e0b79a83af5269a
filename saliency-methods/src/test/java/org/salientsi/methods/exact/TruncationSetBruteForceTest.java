package org.salientsi.methods.exact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.testkit.Fixtures;

/**
 * The truncation set the search finds, for each new method and selector, against brute force: on a
 * fine grid of z over the search range the map and the region are recomputed from scratch at
 * \( Y(z) = a + c z \) by point evaluation (and, for an arg-max target, the target), and membership is
 * compared with the set (ref-mean statistic, \( \Sigma = I \)).
 */
class TruncationSetBruteForceTest {

    private static final int GRID = 20_000;
    private static final Plugins PLUGINS = Plugins.load();

    private record Case(String method, Parameters params, Network net, String selector) {
    }

    @Test
    void everyMethodAndSelectorHasTheTruncationSetOfBruteForce() {
        Network paper = TestNetworks.paperCam(4, 11, true);
        Network random = TestNetworks.paperCam(4, 12, false);
        Network classifier = Fixtures.twoChannelClassifier(4, 13);
        Parameters none = Parameters.empty();
        List<Case> cases = List.of(
                new Case("gradcam", none, paper, "top-k:4"),
                new Case("gradient", none, random, "percentile:75"),
                new Case("signed-gradient", none, classifier, "threshold:0"),
                new Case("grad-x-input", none, paper, "minmax:0.5"),
                new Case("smoothgrad", none.with("m", "3").with("noise", "0.5"), random, "smooth:1+top-k:5"),
                new Case("integrated-gradients", none.with("m", "3"), classifier, "threshold:0"),
                new Case("cam", none, classifier, "top-k:3"),
                new Case("cam", none, paper, "smooth:0.7+minmax:0.4"));
        SplittableRandom rng = new SplittableRandom(4343);
        for (Case c : cases) {
            SaliencyMethod method = PLUGINS.method(c.method(), c.net(), c.params());
            RegionSelector selector = PLUGINS.selector(c.selector());
            Selection selection = new Selection(CompiledNetwork.compile(c.net()), method, selector,
                    new ReferenceMeanStatistic());
            int sets = 0;
            for (int trial = 0; trial < 10 && sets < 2; trial++) {
                int n = c.net().inputShape().size();
                int channels = c.net().inputShape().channels();
                Image x = Image.of(org.salientsi.api.image.ImageShape.of(4, 4, channels), Gaussian.vector(rng, n, 1));
                Image r = Image.of(org.salientsi.api.image.ImageShape.of(4, 4, channels), Gaussian.vector(rng, n, 1));
                Observation obs = Observation.of(x, r);
                SelectiveResult res;
                try {
                    res = SelectiveTest.withDefaults().withRange(4).withConfidenceLevel(0).run(selection, obs,
                            Provenance.empty());
                } catch (EmptyRegionException e) {
                    continue;
                }
                compare(c, method, selector, obs, res);
                sets++;
            }
            assertThat(sets).as("%s with %s: sets compared", c.method(), c.selector()).isEqualTo(2);
        }
    }

    private static void compare(Case c, SaliencyMethod method, RegionSelector selector, Observation obs,
                                SelectiveResult res) {
        double[] eta = new ReferenceMeanStatistic().contrast(res.region(), obs).eta();
        double[] y = obs.stacked();
        double t = 0;
        double var = 0;
        for (int i = 0; i < y.length; i++) {
            t += eta[i] * y[i];
            var += eta[i] * eta[i];
        }
        int n = obs.imageSize();
        double[] a = new double[n];
        double[] cc = new double[n];
        for (int i = 0; i < n; i++) {
            cc[i] = eta[i] / var;
            a[i] = y[i] - cc[i] * t;
        }
        // the stacked data is channels last (H, W, C); the network reads CHW
        int channels = c.net().inputShape().channels();
        int plane = c.net().inputShape().plane();
        PointEvaluator point = CompiledNetwork.compile(c.net()).pointEvaluator();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[(i % channels) * plane + i / channels] = y[i];
        }
        SaliencyMap observed = method.map(point.evaluate(x));
        boolean[] mask = res.region().toMask();
        double lo = res.searchRange().lo();
        double hi = res.searchRange().hi();
        IntervalSet z = res.intervals();
        int mismatches = 0;
        int inside = 0;
        for (int k = 0; k < GRID; k++) {
            double zk = lo + (hi - lo) * (k + 0.5) / GRID;
            for (int i = 0; i < n; i++) {
                x[(i % channels) * plane + i / channels] = a[i] + cc[i] * zk;
            }
            SaliencyMap map = method.map(point.evaluate(x));
            boolean member = selector.select(map).matches(mask)
                    && (!observed.targetFromArgmax() || map.target() == observed.target());
            inside += member ? 1 : 0;
            if (member != z.contains(zk) && !nearEnd(z, zk)) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("%s with %s: grid points where search and brute force disagree, set %s",
                c.method(), c.selector(), z).isZero();
        assertThat(inside).as("grid points in the set").isGreaterThan(0);
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
