package org.salientsi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.search.OrderReplay;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;
import org.salientsi.core.search.TruncationSets;

/**
 * {@code decision(0.05)} with segment skipping on the paper's models against the exhaustive search: no
 * skipped segment overlaps a piece of the truncation set, every decision is the exhaustive one, and the
 * search walks at most a third of the exhaustive pieces (the speed issue's target; measured when
 * written: 3.5% at 64x64) and fewer than without skipping; an exhaustive search that skips finds the same
 * truncation set and p-value. By default 12 seeded null images on the
 * 64x64 model; as a study:
 *
 * <pre>
 * mvn -B -pl benchmarks test -Dtest=PaperModelsSkippingTest -Dsalientsi.skip.sizes=8,16,32,64 \
 *     -Dsalientsi.skip.images=60
 * </pre>
 */
class PaperModelsSkippingTest {

    private static final long SEED = Long.getLong("salientsi.skip.seed", 5_150_000L);
    private static final int IMAGES = Integer.getInteger("salientsi.skip.images", 12);
    private static final int[] SIZES = java.util.Arrays.stream(System.getProperty("salientsi.skip.sizes", "64")
            .split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static final double ALPHA = 0.05;

    @Test
    void skippingDecisionSearchWalksFewPiecesAndDecidesAsTheExhaustiveSearch() throws ModelLoadException {
        for (int size : SIZES) {
            check(size);
        }
    }

    private static void check(int size) throws ModelLoadException {
        Selection selection = PaperModels.selection(size);
        Observation[] images = PaperModels.nullImages(selection, SEED + size, IMAGES);
        SelectiveTest decision = SelectiveTest.withDefaults().withConfidenceLevel(0)
                .withTermination(Termination.decision(ALPHA));
        long exhaustivePieces = 0;
        long skippingPieces = 0;
        long walkingPieces = 0;
        long segments = 0;
        long exactSkippingPieces = 0;
        for (int k = 0; k < images.length; k++) {
            OrderReplay exhaustive = OrderReplay.record(decision, ALPHA, selection, images[k]);
            OrderReplay.Skips run = OrderReplay.skips(decision, selection, images[k]);
            SelectiveResult r = run.result();
            String what = size + "x" + size + " image " + k + " (p = " + exhaustive.exhaustive().selectiveP() + ")";
            exhaustive.assertOutsideTruncationSet(run.segments(), what);
            assertThat(r.reject(ALPHA)).as(what).isEqualTo(exhaustive.exhaustive().reject(ALPHA));
            SelectiveResult exact = decision.withTermination(Termination.exhaustive())
                    .withSkipping(SegmentSkipping.ALWAYS).run(selection, images[k], Provenance.empty());
            TruncationSets.assertSame(exact.intervals(), exhaustive.exhaustive().intervals(), 1e-9, what);
            assertThat(Math.abs(exact.selectiveP() - exhaustive.exhaustive().selectiveP())).as(what)
                    .isLessThanOrEqualTo(1e-9);
            exactSkippingPieces += exact.pieces();
            exhaustivePieces += exhaustive.exhaustive().pieces();
            skippingPieces += r.pieces();
            walkingPieces += decision.withSkipping(SegmentSkipping.NEVER).run(selection, images[k], Provenance.empty())
                    .pieces();
            segments += run.segments().size();
        }
        if (size == 64) {
            assertThat(segments).isPositive();
        }
        System.out.printf(java.util.Locale.ROOT, "%dx%d, %d null images, two-sided decision(0.05) with skipping: "
                + "%d pieces walked (%.1f%% of the exhaustive %d; without skipping %d, %.1f%%), %d segments "
                + "skipped; exhaustive with skipping: %d pieces (%.1f%%), the same truncation sets%n", size, size,
                images.length, skippingPieces, 100.0 * skippingPieces / exhaustivePieces, exhaustivePieces,
                walkingPieces, 100.0 * walkingPieces / exhaustivePieces, segments, exactSkippingPieces,
                100.0 * exactSkippingPieces / exhaustivePieces);
        assertThat(skippingPieces).as("%dx%d: pieces with skipping (without: %d, exhaustive: %d)", size, size,
                walkingPieces, exhaustivePieces).isLessThanOrEqualTo(exhaustivePieces / 3)
                .isLessThanOrEqualTo(walkingPieces);
    }
}
