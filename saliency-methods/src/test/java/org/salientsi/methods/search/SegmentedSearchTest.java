package org.salientsi.methods.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.search.SegmentExecutor;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.SplitSearches;
import org.salientsi.core.search.Termination;
import org.salientsi.core.statistic.ReferenceMeanStatistic;
import org.salientsi.core.testing.Gaussian;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.selector.ThresholdSelector;

/**
 * An exhaustive search whose sides are cut into 1, 2, 3 or 7 segments, walked on threads and merged in
 * any order (as given, reversed, shuffled, or each plan and result sent through Java serialisation as a
 * cluster sends them), finds the truncation set of the plain walking search (one thread, every piece
 * walked): interval ends within {@code 1e-9 max(|end|, sigma_T)}, the selective p-value within
 * {@code 1e-12} relative, the same OC interval and OC p-value, the confidence interval within
 * {@code 1e-7}; the provenance names the executor and the segments. Early stops and time limits are
 * refused, and more than two search threads walk segments on their own.
 */
class SegmentedSearchTest {

    private static final SplitSearches.Order[] ORDERS = SplitSearches.Order.values();

    @Test
    void segmentsMergedInAnyOrderFindTheWalkingSearchsTruncationSet() {
        List<Network> nets = List.of(TestNetworks.paperCam(8, 5, true), TestNetworks.paperCam(16, 3, false),
                TestNetworks.paperCam(32, 7, false));
        SplittableRandom rng = new SplittableRandom(2_026_1207L);
        int compared = 0;
        for (Network net : nets) {
            Selection selection = camSelection(net);
            for (int image = 0; image < 3; image++) {
                Observation obs = nullImage(net, rng);
                double level = image == 0 ? 0.95 : 0;
                SelectiveTest base = SelectiveTest.withDefaults().withConfidenceLevel(level);
                SelectiveResult walking = base.withSkipping(SegmentSkipping.NEVER).withSearchThreads(1)
                        .test(selection, obs, Provenance.empty());
                if (!walking.tested()) {
                    continue;
                }
                int o = 0;
                for (int k : new int[] {1, 2, 3, 7}) {
                    SplitSearches.Order order = ORDERS[o++ % ORDERS.length];
                    SegmentExecutor executor = SplitSearches.reordering(SegmentExecutor.local(2, k), order,
                            rng.nextLong());
                    SelectiveResult split = base.test(selection, obs, Provenance.empty(), executor);
                    SplitSearches.assertEquivalent(split, walking, net.inputShape().height() + " px image " + image
                            + ", " + k + " segments per side, " + order);
                    assertThat(split.provenance().options()).containsEntry("executor", "reordered")
                            .containsEntry("search_segments", Integer.toString(k));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(24);
    }

    @Test
    void moreThanTwoSearchThreadsWalkSegmentsOfTheirOwn() {
        Network net = TestNetworks.paperCam(16, 3, false);
        Selection selection = camSelection(net);
        SplittableRandom rng = new SplittableRandom(77);
        SelectiveResult walking;
        Observation obs;
        do {
            obs = nullImage(net, rng);
            walking = SelectiveTest.withDefaults().withSearchThreads(2).test(selection, obs, Provenance.empty());
        } while (!walking.tested());
        SelectiveResult four = SelectiveTest.withDefaults().withSearchThreads(4).test(selection, obs,
                Provenance.empty());
        SplitSearches.assertEquivalent(four, walking, "4 search threads");
        assertThat(four.provenance().options()).containsEntry("executor", "local")
                .containsEntry("search_segments", "4");
        assertThat(walking.provenance().options()).doesNotContainKey("search_segments");
    }

    @Test
    void earlyStopsAndTimeLimitsAreRefused() {
        Network net = TestNetworks.paperCam(8, 5, true);
        Selection selection = camSelection(net);
        Observation obs = nullImage(net, new SplittableRandom(5));
        SegmentExecutor local = SegmentExecutor.local(1, 2);
        assertThatThrownBy(() -> SelectiveTest.withDefaults().withTermination(Termination.decision(0.05))
                .test(selection, obs, Provenance.empty(), local)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exhaustive");
        assertThatThrownBy(() -> SelectiveTest.withDefaults().withTimeLimit(java.time.Duration.ofSeconds(5))
                .test(selection, obs, Provenance.empty(), local)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("time limit");
    }

    static Selection camSelection(Network net) {
        return new Selection(CompiledNetwork.compile(net), new CamMethod.Provider().create(net, Parameters.empty()),
                new ThresholdSelector(0), new ReferenceMeanStatistic());
    }

    private static Observation nullImage(Network net, SplittableRandom rng) {
        int h = net.inputShape().height();
        int w = net.inputShape().width();
        return Observation.of(Image.grey(h, w, Gaussian.vector(rng, h * w, 1)),
                Image.grey(h, w, Gaussian.vector(rng, h * w, 1)));
    }
}
