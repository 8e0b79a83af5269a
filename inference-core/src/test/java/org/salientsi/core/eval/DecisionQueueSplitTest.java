package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The queue's split between its ordered heap and its unordered pool, against a brute-force scan of the
 * keys, with so few keys moved into the heap at a time ({@code near} of 1 to 8) that the split moves
 * often: walks that pop keys in increasing order while changing many keys per pop (ahead of the point,
 * up and down, to {@code +inf} and back, to a value a key had before), with the horizon, rebuilds and
 * stale entries enough to fill the heap and the pool; and the selection of the {@code k}-th smallest
 * value against sorting.
 */
class DecisionQueueSplitTest {

    private static final int DECISIONS = 200;

    @Test
    void walksPopEveryKeyInOrderWhateverTheSplit() {
        for (int near : new int[] {1, 2, 3, 8}) {
            for (long seed = 1; seed <= 4; seed++) {
                walk(near, seed);
            }
        }
    }

    @Test
    void staleEntriesThatFillTheHeapOrThePoolAreDropped() {
        SplittableRandom rng = new SplittableRandom(7);
        DecisionQueue queue = new DecisionQueue(DECISIONS, 4);
        double[] keys = new double[DECISIONS];
        for (int id = 0; id < DECISIONS; id++) {
            keys[id] = 10 + rng.nextDouble() * 90;
            queue.setUnordered(id, keys[id]);
        }
        queue.rebuild();
        for (int step = 0; step < 20 * DECISIONS; step++) {
            int id = rng.nextInt(DECISIONS);
            if (step % 2 == 0) {
                // below every key: into the heap
                keys[id] = queue.minKey() * (0.5 + 0.5 * rng.nextDouble());
            } else {
                // away and back, far ahead: into the pool
                queue.update(id, Double.POSITIVE_INFINITY);
                keys[id] = 1000 + rng.nextDouble();
            }
            queue.update(id, keys[id]);
            check(queue, keys);
        }
    }

    @Test
    void theKthSmallestIsThatOfTheSortedValues() {
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(60);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values in half the trials: ties
                v[i] = trial % 2 == 0 ? rng.nextInt(5) - 2.0 : rng.nextDouble() * 10 - 5;
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int k = rng.nextInt(n);
            assertThat(DecisionQueue.kthSmallest(v, n, k)).isEqualTo(sorted[k]);
        }
    }

    /**
     * Walks a point forward: pops every key at the smallest, then changes keys ahead of it, checking
     * the queue against a scan after every operation.
     */
    private static void walk(int near, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DecisionQueue queue = new DecisionQueue(DECISIONS, near);
        double[] keys = new double[DECISIONS];
        double[] previous = new double[DECISIONS];
        Arrays.fill(previous, Double.POSITIVE_INFINITY);
        for (int id = 0; id < DECISIONS; id++) {
            keys[id] = rng.nextDouble() < 0.2 ? Double.POSITIVE_INFINITY : rng.nextDouble() * 100;
            queue.setUnordered(id, keys[id]);
        }
        queue.rebuild();
        check(queue, keys);
        double z = 0;
        int pops = 0;
        while (queue.size() > 0) {
            double min = queue.minKey();
            assertThat(min).isGreaterThanOrEqualTo(z);
            z = min;
            while (queue.size() > 0 && queue.minKey() <= z) {
                int id = queue.pop();
                assertThat(keys[id]).isEqualTo(z);
                previous[id] = keys[id];
                keys[id] = Double.POSITIVE_INFINITY;
                pops++;
                check(queue, keys);
            }
            int changes = rng.nextInt(12);
            for (int c = 0; c < changes && pops < 3000; c++) {
                int id = rng.nextInt(DECISIONS);
                double u = rng.nextDouble();
                double k;
                if (u < 0.15) {
                    k = Double.POSITIVE_INFINITY;
                } else if (u < 0.3 && previous[id] > z && previous[id] < Double.POSITIVE_INFINITY) {
                    k = previous[id];
                } else if (u < 0.5) {
                    k = z + rng.nextDouble();
                } else {
                    k = z + rng.nextDouble() * 100;
                }
                if (keys[id] < Double.POSITIVE_INFINITY) {
                    previous[id] = keys[id];
                }
                keys[id] = k;
                queue.update(id, k);
                check(queue, keys);
            }
            if (rng.nextDouble() < 0.01) {
                for (int id = 0; id < DECISIONS; id++) {
                    queue.setUnordered(id, keys[id]);
                }
                queue.rebuild();
                check(queue, keys);
            }
        }
        assertThat(pops).isGreaterThan(DECISIONS);
        double horizon = z + 50;
        queue.setHorizon(horizon);
        for (int id = 0; id < DECISIONS; id++) {
            keys[id] = z + id;
            queue.update(id, keys[id]);
            if (keys[id] > horizon) {
                keys[id] = Double.POSITIVE_INFINITY;
            }
            check(queue, keys);
        }
    }

    private static void check(DecisionQueue queue, double[] keys) {
        double min = Double.POSITIVE_INFINITY;
        int finite = 0;
        for (int id = 0; id < keys.length; id++) {
            min = Math.min(min, keys[id]);
            finite += keys[id] < Double.POSITIVE_INFINITY ? 1 : 0;
            assertThat(queue.key(id)).isEqualTo(keys[id]);
        }
        assertThat(queue.size()).isEqualTo(finite);
        assertThat(queue.minKey()).isEqualTo(min);
        if (finite > 0) {
            assertThat(keys[queue.minId()]).isEqualTo(min);
        }
    }
}
