package org.salientsi.validation.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownPluginException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.validation.PaperModels;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.StudyAccumulator;

/**
 * The local pool: rows do not depend on the number of threads or the order of the indices; every
 * row reaches the sink; a trial's typed error is rethrown as it was; executors are found by name.
 */
class LocalTrialExecutorTest {

    private static final Study STUDY = Study.of(PaperModels.source(8)).withTrials(40).withSeed(3);

    private static List<TrialRow> run(int threads, int[] trials) {
        List<TrialRow> rows = new CopyOnWriteArrayList<>();
        try (TrialExecutor e = new LocalTrialExecutor(threads)) {
            StudyAccumulator acc = e.run(STUDY, trials, rows::add);
            assertThat(acc.trials()).isEqualTo(trials.length);
        }
        List<TrialRow> sorted = new java.util.ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparingInt(TrialRow::trial));
        return sorted;
    }

    @Test
    void rowsDoNotDependOnThreadsOrOrder() {
        int[] forward = new int[24];
        int[] backward = new int[24];
        for (int i = 0; i < 24; i++) {
            forward[i] = i;
            backward[i] = 23 - i;
        }
        List<TrialRow> two = run(2, forward);
        List<TrialRow> one = run(1, backward);
        assertThat(two).hasSize(24);
        for (int i = 0; i < 24; i++) {
            assertThat(two.get(i).trial()).isEqualTo(i);
            assertThat(two.get(i).sameOutcome(one.get(i))).as("trial %d", i).isTrue();
        }
        List<TrialRow> some = run(3, new int[] {17, 5});
        assertThat(some.get(0).sameOutcome(two.get(5))).isTrue();
        assertThat(some.get(1).sameOutcome(two.get(17))).isTrue();
        assertThat(run(2, new int[0])).isEmpty();
    }

    @Test
    void aTrialsTypedErrorIsRethrownAsItWas() {
        Study bad = STUDY.withReferences(0).withStatistic("ref-abs");
        try (TrialExecutor e = new LocalTrialExecutor(2)) {
            assertThatThrownBy(() -> e.run(bad, new int[] {0, 1}, TrialSink.NONE))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("--references 0");
        }
        List<Integer> seen = Collections.synchronizedList(new java.util.ArrayList<>());
        try (TrialExecutor e = new LocalTrialExecutor(2)) {
            assertThatThrownBy(() -> e.run(STUDY, new int[] {0, 1, 2, 3, 4, 5}, row -> {
                seen.add(row.trial());
                throw new IllegalStateException("disk full");
            })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        }
        assertThat(seen.size()).as("trials handed over before the failure stopped the pool").isBetween(1, 2);
    }

    @Test
    void executorsAreFoundByName() {
        assertThat(TrialExecutors.load().names()).contains("local");
        try (TrialExecutor e = TrialExecutors.create(null, Parameters.empty().with("threads", "3"))) {
            assertThat(e.name()).isEqualTo("local");
            assertThat(e.parallelism()).isEqualTo(3);
        }
        assertThatThrownBy(() -> TrialExecutors.create("hadoop", Parameters.empty()))
                .isInstanceOf(UnknownPluginException.class).hasMessageContaining("local");
        assertThatThrownBy(() -> new LocalTrialExecutor(0)).isInstanceOf(InvalidInputException.class);
    }
}
