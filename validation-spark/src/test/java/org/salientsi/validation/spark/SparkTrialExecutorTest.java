package org.salientsi.validation.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.spi.Parameters;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.executor.TrialExecutors;
import org.salientsi.validation.generate.ImageGenerator;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;

/**
 * The spark executor on local[2] gives the local executor's trial rows and summary (apart from wall
 * times, provenance and the executor's name), resumes from a checkpoint, and reports a trial's
 * typed error as it was thrown.
 */
class SparkTrialExecutorTest {

    private static TrialExecutor spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TrialExecutors.create("spark", Parameters.empty().with("master", "local[2]"));
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static Study study(int trials) {
        Path model = Path.of(System.getProperty("salientsi.paperModels", "../examples/models/paper"), "model_8.h5");
        return Study.of(ModelSource.of(model)).withTrials(trials).withSeed(20261123L)
                .withGenerator(ImageGenerator.signal(1.0));
    }

    private static ObjectNode comparable(StudyOutcome o) {
        ObjectNode n = new ObjectMapper().valueToTree(o.summary());
        for (String volatileField : new String[] {"seconds", "trial_seconds", "trials_per_second", "provenance",
            "executor"}) {
            n.remove(volatileField);
        }
        return n;
    }

    @Test
    void sparkAndTheLocalPoolGiveTheSameRowsAndSummary() {
        Study study = study(48);
        StudyOutcome onSpark = StudyRunner.run(study, spark, null, StudyListener.NONE);
        StudyOutcome local;
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            local = StudyRunner.run(study, pool, null, StudyListener.NONE);
        }
        assertThat(onSpark.rows()).hasSize(48);
        for (int i = 0; i < 48; i++) {
            assertThat(onSpark.rows().get(i).sameOutcome(local.rows().get(i))).as("row %d", i).isTrue();
        }
        assertThat(onSpark.stats()).isEqualTo(local.stats());
        assertThat(comparable(onSpark)).isEqualTo(comparable(local));
        assertThat(onSpark.summary().executor()).isEqualTo("spark");
    }

    @Test
    void aSparkStudyResumesFromItsCheckpoint() {
        Path file = dir.resolve("trials.jsonl");
        StudyOutcome first = StudyRunner.run(study(20), spark, file, StudyListener.NONE);
        List<Integer> seen = new ArrayList<>();
        StudyOutcome second = StudyRunner.run(study(30), spark, file, new StudyListener() {
            @Override
            public synchronized void trialFinished(TrialRow row) {
                seen.add(row.trial());
            }
        });
        assertThat(second.summary().trialsResumed()).isEqualTo(20);
        assertThat(second.summary().trialsRun()).isEqualTo(10);
        assertThat(seen).containsExactlyInAnyOrder(20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
        assertThat(second.rows().subList(0, 20)).isEqualTo(first.rows());
    }

    @Test
    void aTrialsTypedErrorReachesTheCaller() {
        Study bad = study(4).withReferences(0).withStatistic("ref-mean");
        assertThatThrownBy(() -> spark.run(bad, new int[] {0, 1, 2, 3}, row -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--references 0");
    }

    @Test
    void rangesAreContiguousNearlyEqualAndCoverEveryTrial() {
        int[] trials = new int[103];
        for (int i = 0; i < trials.length; i++) {
            trials[i] = 2 * i + 1;
        }
        List<int[]> ranges = SparkTrialExecutor.ranges(trials, 8);
        assertThat(ranges).hasSize(8);
        List<Integer> joined = new ArrayList<>();
        for (int[] r : ranges) {
            assertThat(r.length).isBetween(12, 13);
            for (int t : r) {
                joined.add(t);
            }
        }
        assertThat(joined).containsExactly(java.util.Arrays.stream(trials).boxed().toArray(Integer[]::new));
        assertThat(SparkTrialExecutor.ranges(new int[] {4, 5}, 8)).hasSize(2);
    }
}
