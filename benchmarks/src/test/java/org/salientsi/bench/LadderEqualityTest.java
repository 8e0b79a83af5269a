package org.salientsi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.statistic.Observation;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Selection;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.core.search.TruncationSets;

/**
 * On the scale ladder's CNNs exported from PyTorch (VGG- and U-Net-style, trained), the default search
 * (segments certified out of and into the truncation set, two search threads) finds the truncation set
 * of the plain walking search on one thread (every piece, no certificate): interval ends within
 * {@code 1e-9 max(|end|, sigma_T)}, the same p-values; and 1 and 2 search threads give the same
 * result, pieces and counts included (wall time aside; more threads cut the sides into segments:
 * {@link SegmentedSearchEqualityTest}). By default the 32 px models of the committed
 * small ladder on 2 null and 2 signal pairs each, over the range T +- (|T| + 3 sigma_T) to bound the
 * walking search's time; {@code -Dsalientsi.ladder=DIR -Dsalientsi.ladder.models=a.onnx,b.onnx
 * -Dsalientsi.ladder.pairs=N -Dsalientsi.ladder.range=K} runs it on any ladder (e.g. the full one made
 * into {@code target/ladder}); {@code -Dsalientsi.ladder.certificates=false} drops the check that
 * certificates saved pieces (for models where they certify nothing, such as ResNet-18).
 */
class LadderEqualityTest {

    private static final long SEED = 20_261_207L;
    private static final double TOL = 1e-9;

    @Test
    void certifiedAndParallelSearchesFindTheWalkingSearchsTruncationSet() throws ModelLoadException {
        String[] models = System.getProperty("salientsi.ladder.models", "vgg-32-trained.onnx,unet-32-trained.onnx")
                .split(",");
        int pairs = Integer.getInteger("salientsi.ladder.pairs", 2);
        double range = Double.parseDouble(System.getProperty("salientsi.ladder.range", "3"));
        int compared = 0;
        long walkingPieces = 0;
        long certifiedPieces = 0;
        long excluded = 0;
        long included = 0;
        for (String file : models) {
            Selection selection = LadderModels.selection(file.trim());
            SplittableRandom rng = new SplittableRandom(SEED + file.hashCode());
            List<Observation> images = new ArrayList<>();
            for (int k = 0; k < pairs; k++) {
                images.add(LadderModels.pair(selection, rng, false));
                images.add(LadderModels.pair(selection, rng, true));
            }
            SelectiveTest base = SelectiveTest.withDefaults().withRange(range).withConfidenceLevel(0);
            SelectiveTest walking = base.withSkipping(SegmentSkipping.NEVER).withSearchThreads(1);
            for (int k = 0; k < images.size(); k++) {
                Observation obs = images.get(k);
                String what = file + " " + obs.image().name() + " " + k;
                SelectiveResult a = walking.run(selection, obs, Provenance.empty());
                SelectiveResult b = base.withSearchThreads(2).run(selection, obs, Provenance.empty());
                TruncationSets.assertSame(b.intervals(), a.intervals(), TOL, a.sigmaT(), what);
                assertThat(Math.abs(b.selectiveP() - a.selectiveP())).as(what + ": selective p")
                        .isLessThanOrEqualTo(1e-7);
                assertThat(b.ocP()).as(what + ": OC p").isEqualTo(a.ocP());
                SelectiveResult c = base.withSearchThreads(1).run(selection, obs, Provenance.empty());
                assertSameResult(c, b, what + ": 1 search thread");
                walkingPieces += a.pieces();
                certifiedPieces += b.pieces();
                excluded += count(b, "segments_skipped");
                included += count(b, "segments_included");
                compared++;
            }
        }
        System.out.printf("ladder equality: %d searches compared on %s; walking %d pieces, certified %d pieces, "
                + "%d segments certified out, %d in%n", compared, String.join(",", models), walkingPieces,
                certifiedPieces, excluded, included);
        assertThat(compared).isEqualTo(models.length * 2 * pairs);
        if (!Boolean.parseBoolean(System.getProperty("salientsi.ladder.certificates", "true"))) {
            return; // models whose segment bounds certify nothing (ResNet-18): equality only
        }
        assertThat(excluded).as("segments certified out of the truncation set").isPositive();
        assertThat(included).as("segments certified into the truncation set").isPositive();
        assertThat(certifiedPieces).as("pieces walked with certificates, without: %d", walkingPieces)
                .isLessThan(walkingPieces);
    }

    /** Every field but the wall time. */
    private static void assertSameResult(SelectiveResult c, SelectiveResult b, String what) {
        assertThat(c.intervals()).as(what + ": intervals").isEqualTo(b.intervals());
        assertThat(c.ocInterval()).as(what + ": OC interval").isEqualTo(b.ocInterval());
        assertThat(c.selectiveP()).as(what + ": p").isEqualTo(b.selectiveP());
        assertThat(c.ocP()).as(what + ": OC p").isEqualTo(b.ocP());
        assertThat(c.pieces()).as(what + ": pieces").isEqualTo(b.pieces());
        assertThat(c.pBounds()).as(what + ": p bounds").isEqualTo(b.pBounds());
        assertThat(c.ci()).as(what + ": CI").isEqualTo(b.ci());
        assertThat(c.stopReason()).as(what + ": stop").isEqualTo(b.stopReason());
        assertThat(c.provenance().withoutRun()).as(what + ": provenance").isEqualTo(b.provenance().withoutRun());
    }

    private static long count(SelectiveResult r, String option) {
        String v = r.provenance().options().get(option);
        return v == null ? 0 : Long.parseLong(v);
    }
}
