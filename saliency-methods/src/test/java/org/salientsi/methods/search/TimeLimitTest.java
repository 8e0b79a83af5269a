package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
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
 * A search with a time limit that has passed stops after the piece that contains T on each side and reports
 * bounds that contain the exhaustive p-value; a limit that is never reached changes nothing.
 */
class TimeLimitTest {

    private static final Network NET = TestNetworks.paperCam(8, 5, true);
    private static final Selection SELECTION = new Selection(CompiledNetwork.compile(NET),
            new CamMethod.Provider().create(NET, Parameters.empty()), new ThresholdSelector(0),
            new ReferenceMeanStatistic());

    @Test
    void aPassedLimitStopsAfterThePieceOfTWithBoundsThatContainTheExactPValue() {
        SplittableRandom rng = new SplittableRandom(7);
        int stopped = 0;
        for (Alternative alt : Alternative.values()) {
            for (int threads = 1; threads <= 2; threads++) {
                for (Termination rule : new Termination[] {Termination.exhaustive(), Termination.precision(1e-6)}) {
                    SelectiveTest base = SelectiveTest.withDefaults().with(alt).withTermination(rule)
                            .withSearchThreads(threads);
                    Observation obs = Observation.of(Image.grey(8, 8, Gaussian.vector(rng, 64, 1)),
                            Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
                    SelectiveResult exact = base.withTermination(Termination.exhaustive())
                            .run(SELECTION, obs, Provenance.empty());
                    SelectiveResult limited = base.withTimeLimit(Duration.ofNanos(1))
                            .run(SELECTION, obs, Provenance.empty());
                    if (exact.pieces() <= 2) {
                        continue;
                    }
                    stopped++;
                    assertThat(limited.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
                    assertThat(limited.pieces()).as("one piece on each side of T").isEqualTo(2);
                    double p = exact.selectiveP();
                    double[] b = limited.pBounds().toArray();
                    assertThat(b[0]).isLessThanOrEqualTo(p + 1e-12);
                    assertThat(b[1]).isGreaterThanOrEqualTo(p - 1e-12);
                    assertThat(limited.selectiveP()).isBetween(b[0], b[1]);
                    assertThat(limited.ocP()).isEqualTo(exact.ocP());
                    assertThat(limited.ocInterval()).isEqualTo(exact.ocInterval());
                    assertThat(limited.ci().toArray()).containsExactly(null, null);
                    assertThat(limited.provenance().options()).containsEntry("time_limit_seconds", "1.0E-9");
                }
            }
        }
        assertThat(stopped).isGreaterThan(8);
    }

    @Test
    void aLimitThatIsNotReachedChangesNothingButTheProvenance() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int threads = 1; threads <= 2; threads++) {
            SelectiveTest base = SelectiveTest.withDefaults().withSearchThreads(threads);
            Observation obs = Observation.of(Image.grey(8, 8, Gaussian.vector(rng, 64, 1)),
                    Image.grey(8, 8, Gaussian.vector(rng, 64, 1)));
            SelectiveResult exact = base.run(SELECTION, obs, Provenance.empty());
            SelectiveResult limited = base.withTimeLimit(Duration.ofHours(1)).run(SELECTION, obs,
                    Provenance.empty());
            assertThat(limited.stopReason()).isEqualTo(StopReason.EXHAUSTIVE);
            assertThat(limited.selectiveP()).isEqualTo(exact.selectiveP());
            assertThat(limited.intervals()).isEqualTo(exact.intervals());
            assertThat(limited.ci()).isEqualTo(exact.ci());
            assertThat(limited.pieces()).isEqualTo(exact.pieces());
        }
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> SelectiveTest.withDefaults().withTimeLimit(Duration.ZERO))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("time limit");
        assertThat(SelectiveTest.withDefaults().withTimeLimit(null).timeLimit()).isNull();
    }
}
