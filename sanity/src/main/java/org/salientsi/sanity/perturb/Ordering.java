package org.salientsi.sanity.perturb;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which features are perturbed (SANITY.md section 1): by relevance descending
 * (most relevant first), ascending (least relevant first, so the most negative relevance of a signed
 * map comes first) or a seeded random permutation. Ties keep the lower feature index first (a stable sort).
 */
public enum Ordering {
    /** Most relevant first. */
    MORF,
    /** Least relevant first. */
    LERF,
    /** A seeded uniform permutation. */
    RANDOM;

    /**
     * @param relevance one value per feature
     * @param rng used by {@link #RANDOM} only
     * @return feature indices in perturbation order
     */
    public int[] order(double[] relevance, SplittableRandom rng) {
        int n = relevance.length;
        if (this == RANDOM) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (this == MORF) {
            Arrays.sort(idx, (a, b) -> Double.compare(relevance[b], relevance[a]));
        } else {
            Arrays.sort(idx, (a, b) -> Double.compare(relevance[a], relevance[b]));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
