package org.salientsi.validation.study;

/**
 * The seed of trial {@code i} of a study with master seed {@code m}: a counter-based hash,
 * \( \mathrm{mix}(\mathrm{mix}(m) + (i + 1)\gamma) \), with \( \gamma \) the golden-ratio increment
 * {@code 0x9E3779B97F4A7C15} and {@code mix} the SplitMix64 finaliser (Steele, Lea, Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014; the seed of
 * {@link java.util.SplittableRandom}). It depends on {@code (m, i)} only: no shared generator, no
 * order, no executor.
 */
public final class TrialSeeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private TrialSeeds() {
    }

    /**
     * @param master the study's master seed
     * @param index the trial's index, {@code >= 0}
     * @return the trial's seed
     */
    public static long seed(long master, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("trial index must be >= 0, got " + index);
        }
        return mix64(mix64(master) + (index + 1) * GOLDEN_GAMMA);
    }

    /**
     * The SplitMix64 finaliser (variant 13 of Stafford's mixers): a bijection of the 64-bit words.
     *
     * @param z a word
     * @return its mix
     */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
