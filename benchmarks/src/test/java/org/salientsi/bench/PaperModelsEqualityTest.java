package org.salientsi.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
 * On the paper's four trained models (DL4J import of the authors' Keras files), the default search
 * (incremental, with segments certified out of and into the truncation set) gives the truncation set of
 * the full-pass reference search that walks every piece up to rounding (interval ends within
 * {@code 1e-9 max(1, |end|)}), and the same p-values, on seeded null images: 5 at 8x8 and 16x16, 3 at
 * 32x32, 2 at 64x64, and the 95% confidence interval on one image per model up to 32x32.
 */
class PaperModelsEqualityTest {

    private static final long SEED = 9_110_417L;
    private static final int[] IMAGES = {5, 5, 3, 2};
    private static final double TOL = 1e-9;

    @Test
    void theIncrementalSearchEqualsTheFullPassSearchOnThePapersModels() throws ModelLoadException {
        int compared = 0;
        for (int m = 0; m < PaperModels.SIZES.length; m++) {
            int size = PaperModels.SIZES[m];
            Selection selection = PaperModels.selection(size);
            Observation[] images = PaperModels.nullImages(selection, SEED + size, IMAGES[m]);
            for (int k = 0; k < images.length; k++) {
                double level = k == 0 && size <= 32 ? 0.95 : 0;
                SelectiveTest incremental = SelectiveTest.withDefaults().withConfidenceLevel(level);
                SelectiveResult a = incremental.run(selection, images[k], Provenance.empty());
                SelectiveResult b = incremental.withIncremental(false).withSkipping(SegmentSkipping.NEVER)
                        .run(selection, images[k], Provenance.empty());
                String what = size + "x" + size + " image " + k;
                TruncationSets.assertSame(a.intervals(), b.intervals(), TOL, what);
                assertThat(Math.abs(a.selectiveP() - b.selectiveP())).as(what + ": selective p")
                        .isLessThanOrEqualTo(1e-7);
                assertThat(Math.abs(a.ocP() - b.ocP())).as(what + ": OC p").isLessThanOrEqualTo(1e-7);
                assertThat(a.pieces()).as(what + ": pieces").isGreaterThan(1);
                for (int e = 0; e < 2; e++) {
                    assertThat(a.ci().end(e) == null).as(what + ": CI end bounded").isEqualTo(b.ci().end(e) == null);
                    if (a.ci().end(e) != null) {
                        assertThat(Math.abs(a.ci().end(e) - b.ci().end(e))).as(what + ": CI end")
                                .isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(b.ci().end(e))));
                    }
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(15);
    }
}
