package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatistic;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.ReferenceChiChannelsStatistic;
import org.salientsi.core.statistic.ReferenceChiStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.stats.TruncatedNormal;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The chi test's search: the line \( Y(r) = a + \sigma r u \) walked by the same parametric search, its
 * truncation set against brute force, the one-channel mean statistic against the linear {@code ref-mean} on
 * the same data, and what the result reports.
 */
class ChiSearchTest {

    private static final Network NET = TestNetworks.paperCam(4, 77, true);
    private static final SaliencyMethod CAM = new CamMethod.Provider().create(NET, Parameters.empty());

    private static Selection selection(TestStatistic statistic) {
        return new Selection(CompiledNetwork.compile(NET), CAM, new ThresholdSelector(0), statistic);
    }

    private static Observation draw(SplittableRandom rng) {
        return Observation.of(Image.grey(4, 4, Gaussian.vector(rng, 16, 1)),
                Image.grey(4, 4, Gaussian.vector(rng, 16, 1)));
    }

    @Test
    void truncationSetOnTheHalfLineEqualsTheGridSelection() {
        SplittableRandom rng = new SplittableRandom(2323);
        ReferenceChiStatistic chi = new ReferenceChiStatistic();
        Selection selection = selection(chi);
        PointEvaluator point = CompiledNetwork.compile(NET).pointEvaluator();
        int sets = 0;
        for (int trial = 0; trial < 12 && sets < 4; trial++) {
            Observation obs = draw(rng);
            SelectiveResult res;
            try {
                res = SelectiveTest.withDefaults().withRange(4).run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            sets++;
            // the line of the whitened direction (sigma = 1, one reference): c = D eta, a = Y - c T
            double[] eta = chi.contrast(res.region(), obs).eta();
            double[] y = obs.stacked();
            int n = obs.imageSize();
            double t = 0;
            for (int i = 0; i < y.length; i++) {
                t += eta[i] * y[i];
            }
            assertThat(res.statistic()).isCloseTo(t, within(1e-12 * t));
            assertThat(res.searchRange().lo()).isGreaterThanOrEqualTo(0);
            boolean[] observed = res.region().toMask();
            IntervalSet z = res.intervals();
            double lo = res.searchRange().lo();
            double hi = res.searchRange().hi();
            int mismatches = 0;
            int grid = 2000;
            for (int k = 0; k < grid; k++) {
                double zk = lo + (hi - lo) * (k + 0.5) / grid;
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    double c = eta[i]; // D = I on the image block
                    x[i] = y[i] - c * t + c * zk;
                }
                Region region = selection.selector().select(CAM.map(point.evaluate(x)));
                boolean member = region.matches(observed);
                if (member != z.contains(zk) && !BruteForceTruncationSetTest.nearEnd(z, zk)) {
                    mismatches++;
                }
            }
            assertThat(mismatches).as("grid points where the search and brute force disagree, set %s", z).isZero();
        }
        assertThat(sets).isGreaterThanOrEqualTo(4);
    }

    @Test
    void oneChannelMeanChiIsTheObservedSideOfRefMean() {
        SplittableRandom rng = new SplittableRandom(909);
        Selection mean = selection(new ReferenceMeanStatistic());
        Selection chi = selection(new ReferenceChiChannelsStatistic());
        SelectiveTest test = SelectiveTest.withDefaults().withRange(12).withConfidenceLevel(0);
        int compared = 0;
        for (int trial = 0; trial < 20 && compared < 8; trial++) {
            Observation obs = draw(rng);
            SelectiveResult linear;
            try {
                linear = test.run(mean, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            SelectiveResult norm = test.run(chi, obs, Provenance.empty());
            double t = linear.statistic();
            double s = linear.sigmaT();
            // the chi statistic is the whitened |T| (sigma = 1): |T| / sigma_T, on ref-mean's line rescaled
            double r = Math.abs(t) / s;
            assertThat(norm.statistic()).isCloseTo(r, within(1e-12 * r));
            assertThat(norm.sigmaT()).isCloseTo(1.0, within(1e-12));
            assertThat(norm.degreesOfFreedom()).isEqualTo(1);
            // the chi line is ref-mean's line on the observed side of 0, mirrored when T < 0
            IntervalSet.Builder side = IntervalSet.builder();
            IntervalSet z = linear.intervals();
            for (int i = 0; i < z.size(); i++) {
                double a = (t > 0 ? Math.max(0, z.lower(i)) : Math.max(0, -z.upper(i))) / s;
                double b = (t > 0 ? z.upper(i) : -z.lower(i)) / s;
                if (a < b) {
                    side.add(a, b);
                }
            }
            IntervalSet mirrored = side.build().intersect(Interval.of(norm.searchRange().lo(), norm.searchRange().hi()));
            assertThat(norm.intervals().size()).as("%s vs %s", norm.intervals(), mirrored).isEqualTo(mirrored.size());
            for (int i = 0; i < mirrored.size(); i++) {
                assertThat(norm.intervals().lower(i)).isCloseTo(mirrored.lower(i), within(1e-9 * (1 + r)));
                assertThat(norm.intervals().upper(i)).isCloseTo(mirrored.upper(i), within(1e-9 * (1 + r)));
            }
            double expected = TruncatedNormal.of(0, 1, mirrored).pValue(r, Alternative.GREATER);
            assertThat(norm.selectiveP()).isCloseTo(expected, within(1e-9 * expected + 1e-15));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
    }

    @Test
    void resultReportsTheChiDistributionDegreesAndAnUpperTailNaivePValue() {
        SplittableRandom rng = new SplittableRandom(31);
        Selection chi = selection(new ReferenceChiStatistic());
        SelectiveResult r = null;
        while (r == null) {
            try {
                r = SelectiveTest.withDefaults().with(Alternative.TWO_SIDED).run(chi, draw(rng), Provenance.empty());
            } catch (EmptyRegionException e) {
                // redraw
            }
        }
        int d = r.region().size();
        assertThat(r.statisticDistribution()).isEqualTo("chi");
        assertThat(r.degreesOfFreedom()).isEqualTo(d);
        assertThat(r.alternative()).isEqualTo(Alternative.GREATER);
        assertThat(r.provenance().options()).containsEntry("alternative", "greater")
                .containsEntry("degrees_of_freedom", Integer.toString(d));
        assertThat(r.ci().toArray()).containsExactly(null, null);
        // naive: the chi_d tail of T / sigma (sigma = 1, one reference: T is already whitened)
        double q = RegularizedGamma.Q.value(d / 2.0, r.statistic() * r.statistic() / 2);
        assertThat(r.naiveP()).isCloseTo(q, within(1e-12 * q));
        assertThat(r.selectiveP()).isBetween(0.0, 1.0);
        assertThat(r.pBounds().toArray()).containsExactly(r.selectiveP(), r.selectiveP());
    }

    @Test
    void theLowerAlternativeIsRefusedForANorm() {
        Selection chi = selection(new ReferenceChiStatistic());
        Observation obs = draw(new SplittableRandom(3));
        assertThatThrownBy(() -> SelectiveTest.withDefaults().with(Alternative.LESS).run(chi, obs,
                Provenance.empty())).isInstanceOf(InvalidInputException.class).hasMessageContaining("ref-chi")
                .hasMessageContaining("--alternative less");
    }

    @Test
    void earlyStopBoundsContainTheExhaustiveChiPValue() {
        SplittableRandom rng = new SplittableRandom(57);
        Selection chi = selection(new ReferenceChiStatistic());
        int checked = 0;
        for (int trial = 0; trial < 20 && checked < 5; trial++) {
            Observation obs = draw(rng);
            SelectiveResult exact;
            try {
                exact = SelectiveTest.withDefaults().run(chi, obs, Provenance.empty());
            } catch (EmptyRegionException e) {
                continue;
            }
            SelectiveResult early = SelectiveTest.withDefaults()
                    .withTermination(org.salientsi.core.search.Termination.precision(0.2)).run(chi, obs,
                            Provenance.empty());
            double[] b = early.pBounds().toArray();
            assertThat(exact.selectiveP()).isBetween(b[0] - 1e-12, b[1] + 1e-12);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFullCovarianceIsRefusedAndAConstantDiagonalOneEqualsSigma() {
        SplittableRandom rng = new SplittableRandom(5);
        Selection chi = selection(new ReferenceChiStatistic());
        double[] full = new double[16 * 16];
        double[] diagonal = new double[16 * 16];
        for (int i = 0; i < 16; i++) {
            full[i * 16 + i] = 4;
            diagonal[i * 16 + i] = 4;
            if (i > 0) {
                full[i * 16 + i - 1] = 0.5;
                full[(i - 1) * 16 + i] = 0.5;
            }
        }
        Observation obs = null;
        SelectiveResult isotropic = null;
        while (isotropic == null) {
            obs = draw(rng);
            try {
                isotropic = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(2)).run(chi, obs,
                        Provenance.empty());
            } catch (EmptyRegionException e) {
                // redraw
            }
        }
        Observation o = obs;
        assertThatThrownBy(() -> SelectiveTest.withDefaults().withNoise(NoiseModel.covariance(full, 16))
                .run(chi, o, Provenance.empty())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("diagonal").hasMessageContaining("ref-chi");
        SelectiveResult diag = SelectiveTest.withDefaults().withNoise(NoiseModel.covariance(diagonal, 16))
                .run(chi, o, Provenance.empty());
        assertThat(diag.selectiveP()).isCloseTo(isotropic.selectiveP(), within(1e-12));
        assertThat(diag.statistic()).isCloseTo(isotropic.statistic(), within(1e-12 * isotropic.statistic()));
    }
}
