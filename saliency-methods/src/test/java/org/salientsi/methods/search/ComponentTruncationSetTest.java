package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.core.region.ConnectedComponents;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.InImageContrastStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;
import org.salientsi.methods.selector.TopKSelector;

/**
 * Per-component tests against brute force: each component's truncation set is, on a fine grid of its own test
 * line (the component's contrast), exactly where the selector reproduces the whole observed region; its p-value is
 * the truncated normal's over that set. A region of one component gives the region's own test.
 */
class ComponentTruncationSetTest {

    private static final int GRID = 2_000;
    private static final long SEED = 20_261_207L;

    @Test
    void eachComponentsSetIsWhereTheWholeRegionIsReproducedOnItsOwnLine() {
        Network net = TestNetworks.paperCam(8, 91, true);
        SaliencyMethod cam = new CamMethod.Provider().create(net, Parameters.empty());
        SplittableRandom rng = new SplittableRandom(SEED);
        int checked = 0;
        for (TestStatistic statistic : new TestStatistic[] {new ReferenceMeanStatistic(),
            new InImageContrastStatistic()}) {
            Selection selection = new Selection(CompiledNetwork.compile(net), cam, new ThresholdSelector(0.2),
                    statistic);
            SelectiveTest test = SelectiveTest.withDefaults().withRange(4).withConfidenceLevel(0);
            int before = checked;
            for (int trial = 0; trial < 60 && checked - before < 3; trial++) {
                Image x = Image.grey(8, 8, Gaussian.vector(rng, 64, 1));
                Image r = Image.grey(8, 8, Gaussian.vector(rng, 64, 1));
                Observation obs = Observation.of(x, r);
                ComponentTests parts = test.testComponents(selection, obs, Provenance.empty(),
                        new ComponentSplit(4, 1));
                if (!parts.result().tested()) {
                    continue;
                }
                if (parts.components().size() == 1) {
                    continue;
                }
                for (ComponentResult c : parts.components()) {
                    Region part = ConnectedComponents.region(c.pixels(), 8, 8);
                    compare(net, cam, selection, obs, parts.result().region(), part, c, statistic);
                    checked++;
                }
            }
        }
        assertThat(checked).as("components checked on regions of several components").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aRegionOfOneComponentGivesTheRegionsOwnTest() {
        Network net = TestNetworks.paperCam(8, 91, true);
        SaliencyMethod cam = new CamMethod.Provider().create(net, Parameters.empty());
        Selection selection = new Selection(CompiledNetwork.compile(net), cam, TopKSelector.of(1),
                new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int trial = 0; trial < 3; trial++) {
            Observation obs = Observation.of(Image.grey(8, 8, Gaussian.vector(rng, 64, 1)),
                    Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
            ComponentTests parts = SelectiveTest.withDefaults().testComponents(selection, obs, Provenance.empty(),
                    new ComponentSplit(8, 1));
            assertThat(parts.components()).hasSize(1);
            ComponentResult only = parts.components().get(0);
            assertThat(only.selectiveP()).isCloseTo(parts.result().selectiveP(), within(1e-12));
            assertThat(only.statistic()).isCloseTo(parts.result().statistic(), within(1e-12));
            assertThat(only.intervals()).isEqualTo(parts.result().intervals());
            assertThat(only.ci()).isEqualTo(parts.result().ci());
        }
    }

    private static void compare(Network net, SaliencyMethod cam, Selection selection, Observation obs,
                                Region observed, Region part, ComponentResult c, TestStatistic statistic) {
        double[] eta = statistic.contrast(part, obs).eta();
        double[] y = obs.stacked();
        double t = 0;
        double var = 0;
        for (int i = 0; i < y.length; i++) {
            t += eta[i] * y[i];
            var += eta[i] * eta[i];
        }
        assertThat(c.statistic()).as("T of component %d", c.index()).isCloseTo(t, within(1e-9));
        assertThat(c.sigmaT()).isCloseTo(Math.sqrt(var), within(1e-9));
        int n = obs.imageSize();
        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        IntervalSet z = c.intervals();
        // the search range of --range 4: [-|T| - 4 sigma_T, |T| + 4 sigma_T]
        double lo = -Math.abs(t) - 4 * Math.sqrt(var);
        double hi = Math.abs(t) + 4 * Math.sqrt(var);
        int mismatches = 0;
        for (int k = 0; k < GRID; k++) {
            double zk = lo + (hi - lo) * (k + 0.5) / GRID;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = y[i] + eta[i] / var * (zk - t);
            }
            Region region = selection.selector().select(cam.map(point.evaluate(x)));
            boolean member = region.equals(observed);
            if (member != z.contains(zk) && !nearEnd(z, zk)) {
                mismatches++;
            }
        }
        assertThat(mismatches).as("grid points where component %d's set %s and brute force disagree (%s)",
                c.index(), z, statistic.name()).isZero();
        assertThat(z.contains(t)).isTrue();
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
