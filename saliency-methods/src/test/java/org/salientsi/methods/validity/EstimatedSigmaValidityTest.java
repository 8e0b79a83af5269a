package org.salientsi.methods.validity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.engine.NoiseEstimate;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.statistic.ReferenceChiStatistic;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * The bounded check of the default build for an estimated sigma ({@link EstimatedSigmaStudy}, 8x8, sigma with 5
 * degrees of freedom, the worst case of the study): the upper-limit {@code abs} test (beta = 0.05) rejects at
 * most at the rate alpha + beta = 0.10 allows, and the study's shortcut (one search, the p-value for every sigma
 * from its truncation set) gives the p-value of a run with that sigma. The full study (8 and 16 px, df 5 to
 * 1000, 1000 trials) is {@code EstimatedSigmaStudyTest}, with the validity profile.
 */
class EstimatedSigmaValidityTest {

    private static final Network NET = TestNetworks.paperCam(8, 20261123L, true);

    @Test
    void upperLimitAbsTestKeepsItsLevelWithFiveDegreesOfFreedom() {
        int trials = 400;
        double beta = 0.05;
        EstimatedSigmaStudy.Column c = EstimatedSigmaStudy.run(NET, trials, 5150L, new int[] {5}, beta).get(0);
        int rejections = EstimatedSigmaStudy.rejections(c.upperAbs(), 0.05);
        int[] band = NullStudy.binomialBand(trials, 0.05 + beta, 0.002);
        System.out.print(EstimatedSigmaStudy.header() + EstimatedSigmaStudy.row(8, c, beta));
        assertThat(rejections).as("upper-limit abs rejections of %d (at most alpha + beta)", trials)
                .isLessThanOrEqualTo(band[1]);
        // the conservative test is valid but not blind: the known-sigma abs test rejects about 5%
        int[] known = NullStudy.binomialBand(trials, 0.05, 0.002);
        assertThat(EstimatedSigmaStudy.rejections(c.knownAbs(), 0.05)).isBetween(known[0], known[1]);
    }

    @Test
    void studyPValuesEqualThoseOfRunsWithTheEstimatedSigma() {
        Selection selection = new Selection(CompiledNetwork.compile(NET),
                new CamMethod.Provider().create(NET, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(77);
        int checked = 0;
        while (checked < 4) {
            Observation obs = Observation.of(Image.grey(8, 8, Gaussian.vector(rng, 64, 1)),
                    Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
            NoiseEstimate e = EstimatedSigmaStudy.estimate(rng, 5);
            double sigma = e.upperLimit(0.05);
            SelectiveResult wide;
            try {
                wide = SelectiveTest.withDefaults().withConfidenceLevel(0).withRange(10 * Math.max(1, sigma))
                        .run(selection, obs, Provenance.empty());
            } catch (EmptyRegionException ex) {
                continue;
            }
            SelectiveResult direct = SelectiveTest.withDefaults().withConfidenceLevel(0).with(Alternative.ABS)
                    .withNoise(NoiseModel.isotropic(sigma)).run(selection, obs, Provenance.empty());
            double shortcut = EstimatedSigmaStudy.p(wide.intervals(), wide.statistic(), wide.sigmaT() * sigma,
                    Alternative.ABS);
            assertThat(shortcut).isCloseTo(direct.selectiveP(), within(1e-9 * direct.selectiveP() + 1e-14));
            checked++;
        }
        assertThat(List.of(checked)).containsExactly(4);
    }

    @Test
    void chiStudyPValuesEqualThoseOfRunsWithTheEstimatedSigma() {
        Selection selection = new Selection(CompiledNetwork.compile(NET),
                new CamMethod.Provider().create(NET, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceChiStatistic());
        SplittableRandom rng = new SplittableRandom(78);
        int checked = 0;
        while (checked < 4) {
            Observation obs = Observation.of(Image.grey(8, 8, Gaussian.vector(rng, 64, 1)),
                    Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
            double sigma = EstimatedSigmaStudy.estimate(rng, 5).upperLimit(0.05);
            double w = Math.max(1, sigma);
            SelectiveResult wide;
            try {
                wide = SelectiveTest.withDefaults().withRange(10 * w + (w - 1) * 8).run(selection, obs,
                        Provenance.empty());
            } catch (EmptyRegionException ex) {
                continue;
            }
            SelectiveResult direct = SelectiveTest.withDefaults().withNoise(NoiseModel.isotropic(sigma))
                    .run(selection, obs, Provenance.empty());
            double shortcut = EstimatedSigmaStudy.chiP(wide.intervals(), wide.statistic(), wide.sigmaT() * sigma,
                    wide.degreesOfFreedom());
            assertThat(shortcut).isCloseTo(direct.selectiveP(), within(1e-9 * direct.selectiveP() + 1e-14));
            checked++;
        }
    }
}
