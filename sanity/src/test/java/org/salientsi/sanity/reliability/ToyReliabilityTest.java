package org.salientsi.sanity.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ranks, inter-method reliability and Kendall's W on the 5 x 4 toy of SANITY.md section 5. */
class ToyReliabilityTest {

    private final ScoreMatrix toy = ScoreMatrix.of("toy", Direction.HIGHER_IS_BETTER, KrippendorffAlphaTest.TOY);

    @Test
    void ranksOneIsBestPerImage() {
        assertThat(toy.ranks()).isDeepEqualTo(new double[][] {
            {1, 2, 3, 4}, {1, 2, 3, 4}, {2, 1, 3, 4}, {1, 3, 2, 4}, {1, 4, 2, 3}});
    }

    @Test
    void lowerIsBetterReversesRanksAndTiesGetTheAverageRank() {
        ScoreMatrix s = ScoreMatrix.of("t", Direction.LOWER_IS_BETTER, new double[][] {{0.1, 0.5, 0.5, Double.NaN}});
        assertThat(s.ranks()[0]).containsExactly(1.0, 2.5, 2.5, Double.NaN);
    }

    @Test
    void interMethodSpearmanMatchesTheSixPairsAndTheirMean() {
        InterMethodReliability imr = InterMethodReliability.of(toy);
        double[][] r = imr.rho();
        double[] expected = {-0.400, -0.205, -0.205, -0.564, -0.718, 0.526};
        int k = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                assertThat(r[a][b]).as("pair (%d,%d)", a + 1, b + 1).isCloseTo(expected[k++], within(5e-4));
            }
        }
        assertThat(imr.mean()).isCloseTo(-0.261, within(5e-4));
    }

    @Test
    void kendallWAndMeanPairwiseSpearmanBetweenImages() {
        double[][] ranks = toy.ranks();
        assertThat(KendallW.of(ranks)).isCloseTo(0.68, within(1e-12));
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < ranks.length; a++) {
            for (int b = a + 1; b < ranks.length; b++) {
                sum += PairwiseSpearman.rho(ranks[a], ranks[b]);
                pairs++;
            }
        }
        assertThat(sum / pairs).isCloseTo(0.60, within(1e-12)).isCloseTo((5 * 0.68 - 1) / 4, within(1e-12));
    }

    @Test
    void internalConsistencyAlignsOppositeDirections() {
        double[][] negated = KrippendorffAlphaTest.TOY.clone();
        double[][] neg = new double[negated.length][];
        for (int n = 0; n < negated.length; n++) {
            neg[n] = new double[4];
            for (int m = 0; m < 4; m++) {
                neg[n][m] = -negated[n][m];
            }
        }
        ScoreMatrix lower = new ScoreMatrix("neg", "", Direction.LOWER_IS_BETTER, toy.images(), toy.methods(), neg);
        InternalConsistency ic = InternalConsistency.of(toy, lower);
        for (int m = 0; m < 4; m++) {
            assertThat(ic.perMethod()[m]).isCloseTo(-1.0, within(1e-12));
            assertThat(ic.perMethodAligned()[m]).isCloseTo(1.0, within(1e-12));
        }
        assertThat(ic.rankingAgreement()).isCloseTo(1.0, within(1e-12));
        RankReversal rr = RankReversal.of(toy, lower);
        assertThat(rr.reversedPairs()).isEmpty();
        assertThat(rr.winnerFirst()).isEqualTo("m0").isEqualTo(rr.winnerSecond());
    }

    @Test
    void rankReversalListsEveryFlippedPair() {
        double[][] flipped = new double[5][4];
        for (int n = 0; n < 5; n++) {
            for (int m = 0; m < 4; m++) {
                flipped[n][m] = KrippendorffAlphaTest.TOY[n][3 - m];
            }
        }
        RankReversal rr = RankReversal.of(toy, ScoreMatrix.of("rev", Direction.HIGHER_IS_BETTER, flipped));
        assertThat(rr.winnerFirst()).isEqualTo("m0");
        assertThat(rr.winnerSecond()).isEqualTo("m3");
        // mean ranks 1.2, 2.4, 2.6, 3.8 under the toy, mirrored under the reversed scores: all 6 pairs flip
        assertThat(rr.reversedPairs()).hasSize(6);
    }

    @Test
    void analysisReportsAlphaWithAndWithoutControls() {
        ReliabilitySummary s = ReliabilityAnalysis.analyse("v", Map.of("toy", toy),
                new ReliabilityOptions(200, 0.95, 3L, Set.of("m3")));
        ReliabilitySummary.MetricReliability r = s.metrics().get(0);
        assertThat(r.ordinal().alpha()).isCloseTo(0.62, within(1e-12));
        assertThat(r.ordinalWithoutControls()).isNotNull();
        double withoutM3 = KrippendorffAlpha.alpha(toy.withoutMethods(Set.of("m3")).ranks(),
                KrippendorffAlpha.Level.ORDINAL);
        assertThat(r.ordinalWithoutControls().alpha()).isEqualTo(withoutM3);
        assertThat(r.interMethodWithoutControls().methods()).isEqualTo(List.of("m0", "m1", "m2"));
    }
}
