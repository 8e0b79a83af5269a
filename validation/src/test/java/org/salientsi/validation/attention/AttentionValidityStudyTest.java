package org.salientsi.validation.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.core.search.Termination;

/**
 * The ViT validity study of issue 24 (tag {@code validity}: {@code mvn -B -o -pl validation -am verify -Pvalidity
 * -Dtest=AttentionValidityStudyTest -Dsurefire.failIfNoSpecifiedTests=false}; trials set by
 * {@code -Dattention.trials16=N -Dattention.trials32=N}, defaults 1000 and 300). Null images N(0, 1) with a N(0, 1)
 * reference, the attention map's most attended patch ({@code top-k:16}), {@code ref-mean}: the certified upper
 * bound's rejection count at 0.05 is at most the Binomial(n, 0.05) band's upper end (family level 1%); the lower
 * bound, the midpoint and the grid approximation's p-value are reported with their KS p, as are the time per test,
 * the grid's misses and the bound width reached against time on a few images
 * ({@code target/validity/attention.md}). Seeds fixed before the first run.
 */
@Tag("validity")
class AttentionValidityStudyTest {

    private static final long SEED = 20_261_224L;

    @Test
    void certifiedUpperBoundsAreValidAndTheGridIsComparedOnNullImages() throws Exception {
        String widths = widthAgainstTime();
        System.out.print(widths);
        int n16 = Integer.getInteger("attention.trials16", 1000);
        int n32 = Integer.getInteger("attention.trials32", 300);
        CompletableFuture<AttentionSummary> s16 = CompletableFuture.supplyAsync(() -> new AttentionSummary(
                AttentionStudies.study(16, Duration.ofSeconds(60), true).run(n16, SEED, 1, t -> log(16, t)), 0.05));
        CompletableFuture<AttentionSummary> s32 = CompletableFuture.supplyAsync(() -> new AttentionSummary(
                AttentionStudies.study(32, Duration.ofSeconds(60), true).run(n32, SEED + 1, 1, t -> log(32, t)),
                0.05));
        List<AttentionSummary> all = List.of(s16.get(), s32.get());
        String table = AttentionStudies.table(List.of("16 px", "32 px"), all) + "\n" + widths;
        System.out.print(table);
        AttentionStudies.report("attention.md", table);
        int[] n = {n16, n32};
        for (int k = 0; k < 2; k++) {
            assertThat(all.get(k).upper().rejections()).as("certified upper bound's rejections, study %d", k)
                    .isLessThanOrEqualTo(AttentionStudies.upperBand(n[k], 0.01 / 2));
        }
    }

    /** One line per trial as it ends (a long run's partial results). */
    private static void log(int size, AttentionStudy.Trial t) {
        System.out.printf(Locale.ROOT, "trial %d px %d lo %.6f hi %.6f grid %.6f ended %s s %.2f grid_s %.2f misses %s%n",
                size, t.index(), t.lower(), t.upper(), t.gridP(), t.ended(), t.seconds(), t.gridSeconds(), t.misses());
    }

    /** The width reached and the time taken at several precisions on null images (two at 16 px, one at 32 px). */
    private static String widthAgainstTime() {
        StringBuilder sb = new StringBuilder("| ViT | image | rule | hi - lo | seconds | segments |\n"
                + "|---|---|---|---|---|---|\n");
        for (int size : new int[] {16, 32}) {
            double[] rules = size == 16 ? new double[] {0.1, 0.03, 0.01, 0.003} : new double[] {0.1, 0.03, 0.01};
            for (double eps : rules) {
                List<AttentionStudy.Trial> t = new ArrayList<>(AttentionStudies.study(size,
                        Termination.precision(eps), Duration.ofSeconds(120), false).run(size == 16 ? 2 : 1, SEED + 2,
                        1));
                for (AttentionStudy.Trial r : t) {
                    sb.append(String.format(Locale.ROOT, "| %d px | %d | precision:%s | %.4f | %.2f | %d |%n", size,
                            r.index(), eps, r.upper() - r.lower(), r.seconds(), r.segments()));
                }
            }
        }
        return sb.toString();
    }
}
