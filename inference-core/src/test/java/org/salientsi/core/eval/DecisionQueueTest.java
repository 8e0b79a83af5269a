package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The indexed heap against a brute-force scan of the keys: after every operation of a long random
 * sequence (key changes up and down, removals by an infinite key, inserts, pops, rebuilds, ties) the
 * smallest key and its decision agree with the scan, and pops come out in non-decreasing key order.
 */
class DecisionQueueTest {

    private static final long SEED = 20240611L;
    private static final int DECISIONS = 300;

    @Test
    void theSmallestKeyAgreesWithAScanAfterEveryOperation() {
        SplittableRandom rng = new SplittableRandom(SEED);
        DecisionQueue queue = new DecisionQueue(DECISIONS);
        double[] keys = new double[DECISIONS];
        Arrays.fill(keys, Double.POSITIVE_INFINITY);
        for (int id = 0; id < DECISIONS; id++) {
            keys[id] = rng.nextDouble() < 0.3 ? Double.POSITIVE_INFINITY : key(rng);
            queue.setUnordered(id, keys[id]);
        }
        queue.rebuild();
        check(queue, keys);
        for (int step = 0; step < 20_000; step++) {
            double u = rng.nextDouble();
            if (u < 0.7) {
                int id = rng.nextInt(DECISIONS);
                double k = rng.nextDouble() < 0.15 ? Double.POSITIVE_INFINITY : key(rng);
                keys[id] = k;
                queue.update(id, k);
            } else if (u < 0.95) {
                if (queue.size() > 0) {
                    double min = scanMin(keys);
                    int id = queue.pop();
                    assertThat(keys[id]).isEqualTo(min);
                    keys[id] = Double.POSITIVE_INFINITY;
                    assertThat(queue.key(id)).isEqualTo(Double.POSITIVE_INFINITY);
                }
            } else {
                for (int id = 0; id < DECISIONS; id++) {
                    queue.setUnordered(id, keys[id]);
                }
                queue.rebuild();
            }
            check(queue, keys);
        }
    }

    @Test
    void popsDrainEveryTiedKeyInOrder() {
        DecisionQueue queue = new DecisionQueue(10);
        double[] keys = {3, 1, 2, 1, Double.NaN, 2, 1, Double.POSITIVE_INFINITY, 0.5, 3};
        for (int id = 0; id < keys.length; id++) {
            queue.setUnordered(id, keys[id]);
        }
        queue.rebuild();
        assertThat(queue.size()).as("NaN and +inf keys stay out").isEqualTo(8);
        double last = Double.NEGATIVE_INFINITY;
        int ones = 0;
        while (queue.size() > 0) {
            double k = queue.minKey();
            int id = queue.pop();
            assertThat(keys[id]).isEqualTo(k);
            assertThat(k).isGreaterThanOrEqualTo(last);
            ones += k == 1 ? 1 : 0;
            last = k;
        }
        assertThat(ones).isEqualTo(3);
        assertThat(queue.minKey()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aNetworkWithoutDecisionsHasAnEmptyQueue() {
        DecisionQueue none = new DecisionQueue(0);
        none.rebuild();
        assertThat(none.size()).isZero();
        assertThat(none.minKey()).isEqualTo(Double.POSITIVE_INFINITY);
        DecisionQueue one = new DecisionQueue(1);
        one.setUnordered(0, 2.5);
        one.rebuild();
        assertThat(one.minKey()).isEqualTo(2.5);
        assertThat(one.pop()).isZero();
        assertThat(one.size()).isZero();
    }

    /** Keys from a small set, so that ties are frequent. */
    private static double key(SplittableRandom rng) {
        return rng.nextInt(50) * 0.25 - 3;
    }

    private static double scanMin(double[] keys) {
        double min = Double.POSITIVE_INFINITY;
        for (double k : keys) {
            min = Math.min(min, k);
        }
        return min;
    }

    private static void check(DecisionQueue queue, double[] keys) {
        double min = scanMin(keys);
        int finite = 0;
        for (int id = 0; id < keys.length; id++) {
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
