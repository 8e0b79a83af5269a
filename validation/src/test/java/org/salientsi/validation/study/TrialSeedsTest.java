package org.salientsi.validation.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Trial seeds against the JDK's own SplitMix64: {@code new SplittableRandom(s).nextLong()} is
 * {@code mix64(s + GAMMA)} (Steele et al. 2014), an implementation independent of ours.
 */
class TrialSeedsTest {

    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private static long jdkMix(long z) {
        return new SplittableRandom(z - GAMMA).nextLong();
    }

    @Test
    void theSeedIsTheSplitMixHashOfMasterAndIndex() {
        for (long master : new long[] {0, 1, -7, 20230201L, Long.MAX_VALUE}) {
            for (int i : new int[] {0, 1, 2, 999, 1 << 20}) {
                long expected = jdkMix(jdkMix(master) + (i + 1L) * GAMMA);
                assertThat(TrialSeeds.seed(master, i)).isEqualTo(expected);
            }
        }
    }

    @Test
    void seedsOfOneStudyAreDistinctAndDifferAcrossMasters() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(TrialSeeds.seed(1, i))).isTrue();
        }
        assertThat(TrialSeeds.seed(2, 0)).isNotIn(seen);
    }
}
