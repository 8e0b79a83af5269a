package org.salientsi.validation.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ViT null study in the default build, bounded: {@value #TRIALS} null images at 16 px (the full study is
 * {@link AttentionValidityStudyTest}, behind {@code -Pvalidity}). Every trial's certified bounds are ordered
 * probabilities no wider than the default precision 0.01 (or the search reached its time limit), the grid of the
 * paper's density ran on the same line, and the summary has a row for hi, lo, the midpoint and the grid
 * ({@code target/validity/attention-smoke.md}).
 */
class AttentionValidityTest {

    private static final int TRIALS = 3;
    private static final long SEED = 20_261_225L;

    @Test
    void certifiedBoundsOnNullImagesAreOrderedAndNarrowAndTheGridRunsAlongside() {
        List<AttentionStudy.Trial> trials = AttentionStudies.study(16, Duration.ofSeconds(15), true)
                .run(TRIALS, SEED, 1);
        assertThat(trials).hasSize(TRIALS);
        for (AttentionStudy.Trial t : trials) {
            assertThat(t.lower()).as("trial %d", t.index()).isBetween(0.0, t.upper());
            assertThat(t.upper()).isLessThanOrEqualTo(1.0);
            assertThat(t.midpoint()).isBetween(t.lower(), t.upper());
            if (!t.ended().equals("time_limit")) {
                assertThat(t.upper() - t.lower()).as("trial %d width", t.index()).isLessThanOrEqualTo(0.01);
                assertThat(t.ended()).isEqualTo("precision:0.01");
            }
            assertThat(t.misses().cells()).isGreaterThan(100);
            assertThat(t.gridP()).isBetween(0.0, 1.0);
        }
        AttentionSummary summary = new AttentionSummary(trials, 0.05);
        String table = AttentionStudies.table(List.of("16 px"), List.of(summary));
        assertThat(table.lines().filter(l -> l.startsWith("| 16 px"))).hasSize(4); // hi, lo, mid, grid
        System.out.print(table);
        AttentionStudies.report("attention-smoke.md", table);
    }
}
