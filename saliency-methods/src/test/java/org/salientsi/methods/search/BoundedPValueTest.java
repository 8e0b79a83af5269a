package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * Early termination with bounded p-values (Shiraishi et al.): the bounds always contain the exhaustive
 * p-value, {@code precision(eps)} stops with bounds at most eps apart, {@code decision(alpha)} gives
 * the exhaustive search's decision, and both visit no more pieces than the exhaustive search.
 */
class BoundedPValueTest {

    @Test
    void boundsContainTheExhaustivePValueAndEarlyStopsKeepTheDecision() {
        Network net = TestNetworks.paperCam(8, 5, true);
        Selection selection = new Selection(CompiledNetwork.compile(net),
                new CamMethod.Provider().create(net, Parameters.empty()), new ThresholdSelector(0),
                new ReferenceMeanStatistic());
        SplittableRandom rng = new SplittableRandom(99);
        long exhaustivePieces = 0;
        long decisionPieces = 0;
        int early = 0;
        for (Alternative alt : Alternative.values()) {
            SelectiveTest base = SelectiveTest.withDefaults().with(alt).withConfidenceLevel(0);
            for (int trial = 0; trial < 12; trial++) {
                Observation obs = Observation.of(Image.grey(8, 8, Gaussian.vector(rng, 64, 1)),
                        Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
                SelectiveResult exact = base.run(selection, obs, Provenance.empty());
                assertThat(exact.stopReason()).isEqualTo(StopReason.EXHAUSTIVE);
                assertThat(exact.pBounds().toArray()).containsExactly(exact.selectiveP(), exact.selectiveP());
                double p = exact.selectiveP();

                SelectiveResult precise = base.withTermination(Termination.precision(1e-3)).run(selection, obs,
                        Provenance.empty());
                double[] b = precise.pBounds().toArray();
                assertThat(b[0]).isLessThanOrEqualTo(p + 1e-12);
                assertThat(b[1]).isGreaterThanOrEqualTo(p - 1e-12);
                assertThat(b[1] - b[0]).isLessThanOrEqualTo(1e-3);
                assertThat(precise.selectiveP()).isBetween(b[0], b[1]);
                assertThat(precise.pieces()).isLessThanOrEqualTo(exact.pieces());

                SelectiveResult decided = base.withTermination(Termination.decision(0.05)).run(selection, obs,
                        Provenance.empty());
                double[] d = decided.pBounds().toArray();
                assertThat(d[0]).isLessThanOrEqualTo(p + 1e-12);
                assertThat(d[1]).isGreaterThanOrEqualTo(p - 1e-12);
                assertThat(decided.reject(0.05)).as("decision at 0.05 (p = %s, bounds [%s, %s])", p, d[0], d[1])
                        .isEqualTo(exact.reject(0.05));
                if (decided.stopReason() == StopReason.DECISION) {
                    assertThat(d[1] <= 0.05 || d[0] > 0.05).isTrue();
                    early++;
                }
                exhaustivePieces += exact.pieces();
                decisionPieces += decided.pieces();
            }
        }
        assertThat(early).as("searches that stopped early").isGreaterThan(10);
        assertThat(decisionPieces).isLessThan(exhaustivePieces);
    }
}
