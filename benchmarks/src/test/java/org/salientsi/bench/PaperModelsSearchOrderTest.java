package org.salientsi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.search.OrderReplay;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.Termination;

/**
 * The order of an early-stopping search on the paper's models, on seeded null images: a
 * {@code decision(0.05)} search decides as the exhaustive search does, never visits fewer pieces than
 * the best order in hindsight ({@link OrderReplay}; fewer would mean the replay is wrong), in all visits
 * at most 2% of the exhaustive pieces more than that best order, and fewer than the plain order "the
 * frontier nearer to 0 first" (which walks the whole bulk of the null distribution before it looks at
 * the tail beyond T, even when the decision waits only on that tail). By default 12 images on the 64x64
 * model, two-sided; the same check as a study that prints the shares of the exhaustive pieces:
 *
 * <pre>
 * mvn -B -pl benchmarks test -Dtest=PaperModelsSearchOrderTest -Dsalientsi.order.sizes=8,16,32,64 \
 *     -Dsalientsi.order.images=60 -Dsalientsi.order.alternative=two-sided
 * </pre>
 */
class PaperModelsSearchOrderTest {

    private static final long SEED = Long.getLong("salientsi.order.seed", 7_310_064L);
    private static final int IMAGES = Integer.getInteger("salientsi.order.images", 12);
    private static final int[] SIZES = Arrays.stream(System.getProperty("salientsi.order.sizes", "64").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static final Alternative ALTERNATIVE =
            Alternative.parse(System.getProperty("salientsi.order.alternative", "two-sided"));
    private static final double ALPHA = 0.05;
    /** Share of the exhaustive pieces the search may visit beyond the best order in hindsight, in all. */
    private static final double EXCESS = 0.02;

    @Test
    void decisionSearchOnThePapersModelsIsCloseToTheBestOrderInHindsight() throws ModelLoadException {
        for (int size : SIZES) {
            Selection selection = PaperModels.selection(size);
            Observation[] images = PaperModels.nullImages(selection, SEED + size, IMAGES);
            SelectiveTest decision = SelectiveTest.withDefaults().with(ALTERNATIVE).withConfidenceLevel(0)
                    .withTermination(Termination.decision(ALPHA))
                .withSkipping(SegmentSkipping.NEVER);
            long searched = 0;
            long plain = 0;
            long best = 0;
            long all = 0;
            for (int k = 0; k < images.length; k++) {
                OrderReplay replay = OrderReplay.record(decision, ALPHA, selection, images[k]);
                SelectiveResult decided = decision.run(selection, images[k], Provenance.empty());
                long hindsight = replay.fewestPieces();
                String what = size + "x" + size + " image " + k + " (p = " + replay.exhaustive().selectiveP() + ")";
                assertThat(decided.reject(ALPHA)).as(what).isEqualTo(replay.exhaustive().reject(ALPHA));
                assertThat(decided.pieces()).as(what).isGreaterThanOrEqualTo(hindsight);
                searched += decided.pieces();
                best += hindsight;
                plain += replay.nearerToZeroFirst();
                all += replay.exhaustive().pieces();
            }
            System.out.printf(Locale.ROOT, "%dx%d, %d null images, %s decision(%s): pieces as a share of the "
                    + "exhaustive search's %d: this search %.1f%%, best order in hindsight %.1f%%, frontier nearer "
                    + "to 0 first %.1f%%%n", size, size, IMAGES, ALTERNATIVE.label(), ALPHA, all,
                    100.0 * searched / all, 100.0 * best / all, 100.0 * plain / all);
            assertThat(searched).as("%dx%d: all pieces of the search (best order %d, exhaustive %d)", size, size,
                    best, all).isLessThanOrEqualTo(best + Math.round(EXCESS * all)).isLessThan(plain);
        }
    }
}
