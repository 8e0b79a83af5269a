package org.salientsi.validation.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.validation.generate.GaussianNoise;

/**
 * The grid approximation on the 16 px ViT, on a null image: the observed point is inside its set, its points
 * increase and each point's flag is what the selection there says (re-evaluated here from the line of the
 * data); when the comparison with the certificate finds no miss, the grid's set contains what the certificate
 * proved in and avoids what it proved out, and the grid p-value is flagged outside the bounds exactly when it is.
 */
class GridApproximationTest {

    @Test
    void gridFlagsAreTheSelectionAtTheirPointsAndAgreeWithTheCertificateWhenNothingIsMissed() {
        AttentionStudy study = AttentionStudies.study(16, Duration.ofSeconds(20), false);
        Selection selection = new Selection(CompiledNetwork.compile(study.network()), study.method(), study.selector(),
                study.statistic());
        SelectiveTest test = SelectiveTest.withDefaults().withSearch(SearchMode.CERTIFIED).withConfidenceLevel(0)
                .withTimeLimit(Duration.ofSeconds(20));
        SplittableRandom rng = new SplittableRandom(24);
        PointEvaluator point = selection.network().pointEvaluator();
        int checked = 0;
        for (int image = 0; image < 1; image++) {
            double[] x = new double[256];
            double[] r = new double[256];
            GaussianNoise.fill(rng, 1, x);
            GaussianNoise.fill(rng, 1, r);
            Observation obs = Observation.of(Image.grey(16, 16, x), Image.grey(16, 16, r));
            SelectiveResult cert = test.run(selection, obs, Provenance.empty());
            GridApproximation.Outcome grid = GridApproximation.paper().run(selection, obs, NoiseModel.isotropic(1),
                    10, Alternative.TWO_SIDED);
            assertThat(grid.statistic()).isEqualTo(cert.statistic());
            assertThat(grid.range()).isEqualTo(cert.searchRange());
            assertThat(grid.inside().contains(grid.statistic())).isTrue();
            double[] z = grid.points();
            for (int k = 1; k < z.length; k++) {
                assertThat(z[k]).isGreaterThan(z[k - 1]);
            }
            // the line through the data along the statistic's direction: x(z) = x + c (z - T), c = 0.5 on the
            // region's pixels for ref-mean (eta = 1/16 there, sigma_T^2 = 2/16)
            Region observed = selection.selector().select(study.method().map(point.evaluate(x)));
            for (int k = 0; k < z.length; k += Math.max(1, z.length / 25)) {
                double[] at = x.clone();
                for (int p : observed.pixels()) {
                    at[p] += 0.5 * (z[k] - grid.statistic());
                }
                SaliencyMap map = study.method().map(point.evaluate(at));
                assertThat(selection.selector().select(map).equals(observed)).as("point %d at z %s", k, z[k])
                        .isEqualTo(grid.in()[k]);
            }
            GridApproximation.Misses paper = GridApproximation.compare(grid, cert);
            assertThat(paper.cells()).isGreaterThan(100);
            // no miss means the grid agrees with the certificate wherever it decided (up to the bisection cells)
            IntervalSet certIn = cert.intervals();
            IntervalSet certOut = certIn.union(cert.certified().undecided()).complement(cert.searchRange());
            if (!paper.any()) {
                assertThat(certIn.intersect(grid.inside().complement(cert.searchRange())).measure()).isLessThan(1e-6);
                assertThat(grid.inside().intersect(certOut).measure()).isLessThan(1e-6);
            }
            assertThat(paper.outsideBounds()).isEqualTo(grid.pValue() < cert.certified().pLower()
                    || grid.pValue() > cert.certified().pUpper());
            assertThat(grid.pValue()).isBetween(0.0, 1.0);
            checked++;
        }
        assertThat(checked).isEqualTo(1);
    }
}
