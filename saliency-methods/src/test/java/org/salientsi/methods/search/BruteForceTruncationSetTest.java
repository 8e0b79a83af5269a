package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.InImageContrastStatistic;
import org.salientsi.core.statistic.ReferenceAbsStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The truncation set against brute force: on a fine grid of z over the search range, the selection is
 * recomputed from scratch at {@code Y(z) = a + c z} by point evaluation (no line evaluation, no
 * search) and compared with membership in the set the search found.
 */
class BruteForceTruncationSetTest {

    private static final int GRID = 40_000;

    @Test
    void truncationSetEqualsTheGridSelectionForEveryStatistic() {
        Network net = TestNetworks.paperCam(4, 77, true);
        TestStatistic[] statistics = {new ReferenceMeanStatistic(), new ReferenceAbsStatistic(),
            new InImageContrastStatistic()};
        SplittableRandom rng = new SplittableRandom(4242);
        int sets = 0;
        for (TestStatistic statistic : statistics) {
            SaliencyMethod cam = new CamMethod.Provider().create(net, Parameters.empty());
            Selection selection = new Selection(CompiledNetwork.compile(net), cam, new ThresholdSelector(0),
                    statistic);
            for (int trial = 0; trial < 6; trial++) {
                Image x = Image.grey(4, 4, Gaussian.vector(rng, 16, 1));
                Image r = Image.grey(4, 4, Gaussian.vector(rng, 16, 1));
                Observation obs = Observation.of(x, r);
                SelectiveResult res;
                try {
                    res = SelectiveTest.withDefaults().withRange(4).withConfidenceLevel(0).run(selection, obs,
                            Provenance.empty());
                } catch (org.salientsi.api.error.EmptyRegionException e) {
                    continue;
                }
                compare(net, cam, selection, obs, res, statistic);
                sets++;
            }
        }
        assertThat(sets).isGreaterThanOrEqualTo(12);
    }

    private static void compare(Network net, SaliencyMethod cam, Selection selection, Observation obs,
                                SelectiveResult res, TestStatistic statistic) {
        // the test line, from the statistic's direction (Sigma = I, one reference)
        double[] eta = statistic.contrast(res.region(), obs).eta();
        double[] y = obs.stacked();
        double t = 0;
        double var = 0;
        for (int i = 0; i < y.length; i++) {
            t += eta[i] * y[i];
            var += eta[i] * eta[i];
        }
        double[] c = new double[y.length];
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            c[i] = eta[i] / var;
            a[i] = y[i] - c[i] * t;
        }
        int n = obs.imageSize();
        boolean[] observed = res.region().toMask();
        // ref-abs: the signs of X - R on the region are part of the event
        double[] signs = new double[n];
        for (int i = 0; i < n; i++) {
            signs[i] = y[i] - (y.length > n ? y[n + i] : 0) >= 0 ? 1 : -1;
        }
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        double lo = res.searchRange().lo();
        double hi = res.searchRange().hi();
        IntervalSet z = res.intervals();
        int mismatches = 0;
        int inside = 0;
        for (int k = 0; k < GRID; k++) {
            double zk = lo + (hi - lo) * (k + 0.5) / GRID;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = a[i] + c[i] * zk;
            }
            SaliencyMap map = cam.map(point.evaluate(x));
            Region region = selection.selector().select(map);
            boolean member = region.matches(observed);
            if (member && statistic instanceof ReferenceAbsStatistic) {
                for (int i = 0; i < n && member; i++) {
                    if (observed[i]) {
                        double diff = x[i] - (a[n + i] + c[n + i] * zk);
                        member = signs[i] * diff > 0;
                    }
                }
            }
            inside += member ? 1 : 0;
            if (member != z.contains(zk) && !nearEnd(z, zk)) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("grid points where the search and brute force disagree, %s, set %s",
                statistic.name(), z).isZero();
        assertThat(inside).as("grid points in the set").isGreaterThan(0);
    }

    /** @return whether x lies within rounding of an end of z (where the grid and the search may disagree) */
    static boolean nearEnd(IntervalSet z, double x) {
        for (int i = 0; i < z.size(); i++) {
            if (Math.abs(x - z.lower(i)) <= 1e-9 * Math.max(1, Math.abs(x))
                    || Math.abs(x - z.upper(i)) <= 1e-9 * Math.max(1, Math.abs(x))) {
                return true;
            }
        }
        return false;
    }
}
