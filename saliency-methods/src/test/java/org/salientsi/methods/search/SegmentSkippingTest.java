package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.OrderReplay;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import org.salientsi.core.search.TruncationSets;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;
import org.salientsi.methods.selector.TopKSelector;

/**
 * Searches that rule segments out of the truncation set (CAM, threshold selector) against searches that
 * walk every piece: in early stops no skipped segment overlaps a piece of the truncation set, the p-value
 * bounds contain the exhaustive p-value, {@code decision(alpha)} gives the exhaustive decision and
 * {@code precision(eps)} bounds at most eps apart; exhaustive searches that skip (segments certified out
 * of the truncation set and into it) find the same truncation set, p-value and confidence interval; and
 * skipping saves pieces.
 */
class SegmentSkippingTest {

    private static final double ALPHA = 0.05;

    @Test
    void skippedSegmentsHoldNoPieceOfTheTruncationSetAndDecisionsAgree() {
        List<Network> nets = List.of(TestNetworks.paperCam(8, 5, true), TestNetworks.paperCam(12, 11, false),
                TestNetworks.paperCam(16, 3, false), TestNetworks.paperCam(32, 7, false));
        SplittableRandom rng = new SplittableRandom(2_024_112L);
        long segments = 0;
        long skippingPieces = 0;
        long walkingPieces = 0;
        for (Network net : nets) {
            Selection selection = camSelection(net, new ThresholdSelector(0));
            for (Alternative alt : new Alternative[] {Alternative.TWO_SIDED, Alternative.GREATER, Alternative.ABS}) {
                for (int trial = 0; trial < 12; trial++) {
                    Observation obs = nullImage(net, rng);
                    SelectiveTest base = SelectiveTest.withDefaults().with(alt).withConfidenceLevel(0);
                    OrderReplay exhaustive;
                    try {
                        exhaustive = OrderReplay.record(base, ALPHA, selection, obs);
                    } catch (org.salientsi.api.error.EmptyRegionException e) {
                        continue;
                    }
                    double p = exhaustive.exhaustive().selectiveP();
                    for (Termination termination : new Termination[] {Termination.decision(ALPHA),
                        Termination.precision(1e-3)}) {
                        String what = net.nodes().size() + "-node net, " + alt.label() + ", " + termination
                                + ", image " + trial;
                        OrderReplay.Skips run = OrderReplay.skips(base.withTermination(termination), selection, obs);
                        exhaustive.assertOutsideTruncationSet(run.segments(), what);
                        exhaustive.assertInsideTruncationSet(run.included(), what);
                        SelectiveResult r = run.result();
                        double[] b = r.pBounds().toArray();
                        assertThat(b[0]).as(what).isLessThanOrEqualTo(p + 1e-9);
                        assertThat(b[1]).as(what).isGreaterThanOrEqualTo(p - 1e-9);
                        if (termination.equals(Termination.decision(ALPHA))) {
                            assertThat(r.reject(ALPHA)).as(what).isEqualTo(exhaustive.exhaustive().reject(ALPHA));
                            skippingPieces += r.pieces();
                            walkingPieces += base.withTermination(termination).withSkipping(SegmentSkipping.NEVER)
                                    .run(selection, obs, Provenance.empty()).pieces();
                        } else if (r.stopReason() != org.salientsi.api.result.StopReason.EXHAUSTIVE) {
                            assertThat(b[1] - b[0]).as(what).isLessThanOrEqualTo(1e-3);
                        }
                        segments += run.segments().size();
                    }
                }
            }
        }
        assertThat(segments).as("skipped segments").isGreaterThan(100);
        assertThat(skippingPieces).as("pieces with skipping, without: %d", walkingPieces).isLessThan(walkingPieces);
    }

    @Test
    void exhaustiveSearchesThatSkipFindTheSameTruncationSetAndPValue() {
        List<Network> nets = List.of(TestNetworks.paperCam(16, 3, false), TestNetworks.paperCam(32, 7, false));
        SplittableRandom rng = new SplittableRandom(2_024_113L);
        long walked = 0;
        long skipped = 0;
        int compared = 0;
        for (Network net : nets) {
            for (RegionSelector selector : new RegionSelector[] {new ThresholdSelector(0),
                TopKSelector.percentile(75)}) {
                Selection selection = camSelection(net, selector);
                for (int trial = 0; trial < 12; trial++) {
                    Observation obs = nullImage(net, rng);
                    SelectiveTest walking = SelectiveTest.withDefaults().withSkipping(SegmentSkipping.NEVER);
                    SelectiveResult a;
                    try {
                        a = walking.run(selection, obs, Provenance.empty());
                    } catch (org.salientsi.api.error.EmptyRegionException e) {
                        continue;
                    }
                    SelectiveResult b = walking.withSkipping(SegmentSkipping.ALWAYS).run(selection, obs,
                            Provenance.empty());
                    String what = net.inputShape().height() + " px, " + selector.name() + ", image " + trial;
                    TruncationSets.assertSame(b.intervals(), a.intervals(), 1e-9, what);
                    assertThat(Math.abs(b.selectiveP() - a.selectiveP())).as(what).isLessThanOrEqualTo(1e-9);
                    for (int e = 0; e < 2; e++) {
                        assertThat(b.ci().end(e) == null).as(what).isEqualTo(a.ci().end(e) == null);
                        if (a.ci().end(e) != null) {
                            assertThat(Math.abs(b.ci().end(e) - a.ci().end(e))).as(what).isLessThanOrEqualTo(1e-7);
                        }
                    }
                    walked += a.pieces();
                    skipped += b.pieces();
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(40);
        assertThat(skipped).as("pieces with skipping, without: %d", walked).isLessThan(walked);
    }

    private static Selection camSelection(Network net, RegionSelector selector) {
        return new Selection(CompiledNetwork.compile(net), new CamMethod.Provider().create(net, Parameters.empty()),
                selector, new ReferenceMeanStatistic());
    }

    private static Observation nullImage(Network net, SplittableRandom rng) {
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        return Observation.of(Image.grey(h, w, Gaussian.vector(rng, h * w, 1)),
                Image.grey(h, w, Gaussian.vector(rng, h * w, 1)));
    }
}
