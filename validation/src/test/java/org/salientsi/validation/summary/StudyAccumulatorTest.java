package org.salientsi.validation.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.validation.study.TrialRow;

/**
 * Merging accumulators is associative and commutative, and the snapshot's counts, histogram and KS
 * distance match brute force.
 */
class StudyAccumulatorTest {

    private static List<TrialRow> rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrialRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double p = r.nextDouble();
            rows.add(new TrialRow(i, r.nextLong(), i % 17 == 0 ? 1.0 : p, r.nextDouble() * 0.5,
                    i % 13 == 0 ? 0.0 : r.nextDouble() * 0.2, r.nextGaussian(), 1 + r.nextDouble(),
                    1 + r.nextInt(60), 1 + r.nextInt(500), r.nextInt(4), r.nextDouble()));
        }
        return rows;
    }

    @Test
    void mergeIsAssociativeAndCommutative() {
        List<TrialRow> all = rows(301, 42);
        StudyAccumulator a = StudyAccumulator.of(0.05, all.subList(0, 100));
        StudyAccumulator b = StudyAccumulator.of(0.05, all.subList(100, 250));
        StudyAccumulator c = StudyAccumulator.of(0.05, all.subList(250, 301));
        StudyStats leftFirst = StudyAccumulator.of(0.05, all.subList(0, 100))
                .merge(StudyAccumulator.of(0.05, all.subList(100, 250))).merge(c).snapshot();
        StudyStats rightFirst = StudyAccumulator.of(0.05, all.subList(250, 301))
                .merge(StudyAccumulator.of(0.05, all.subList(100, 250)).merge(a)).snapshot();
        StudyStats oneGo = StudyAccumulator.of(0.05, all).snapshot();
        List<TrialRow> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        StudyStats shuffledGo = StudyAccumulator.of(0.05, shuffled).snapshot();
        assertThat(leftFirst).isEqualTo(oneGo).isEqualTo(rightFirst).isEqualTo(shuffledGo);
        assertThat(b.trials()).isEqualTo(150);
    }

    @Test
    void snapshotMatchesBruteForce() {
        List<TrialRow> all = rows(500, 7);
        StudyStats s = StudyAccumulator.of(0.05, all).snapshot();
        double[] p = all.stream().mapToDouble(TrialRow::selectiveP).toArray();
        long rejections = Arrays.stream(p).filter(v -> v <= 0.05).count();
        assertThat(s.selective().rejections()).isEqualTo(rejections);
        assertThat(s.trials()).isEqualTo(500);
        assertThat(s.emptyDraws()).isEqualTo(all.stream().mapToLong(TrialRow::emptyDraws).sum());
        assertThat(s.pieces()).isEqualTo(all.stream().mapToLong(TrialRow::pieces).sum());
        long[] hist = new long[20];
        for (double v : p) {
            hist[v == 1.0 ? 19 : (int) Math.floor(v * 20)]++;
        }
        assertThat(s.selective().histogram()).containsExactly(hist);
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.length; i++) {
            d = Math.max(d, Math.max((i + 1.0) / sorted.length - sorted[i], sorted[i] - i / (double) sorted.length));
        }
        assertThat(s.selective().ksStatistic()).isCloseTo(d, within(1e-12));
        assertThat(s.selective().sortedValues()).containsExactly(sorted);
    }

    @Test
    void theSummaryHasTheDesignFieldsAndNullsWithoutTrials() {
        StudyStats empty = new StudyAccumulator(0.05).snapshot();
        StudySummary none = StudySummary.of(empty, 0, 0, 0, "local", 0.0, org.salientsi.api.result.Provenance.empty());
        assertThat(none.selective().rejectionRate()).isNull();
        assertThat(none.trialsPerSecond()).isNull();
        StudySummary some = StudySummary.of(StudyAccumulator.of(0.05, rows(40, 3)).snapshot(), 40, 0, 0, "local", 2.0,
                org.salientsi.api.result.Provenance.empty());
        assertThat(some.selective().rateCi()).hasSize(2);
        assertThat(some.trialsPerSecond()).isEqualTo(20.0);
    }
}
