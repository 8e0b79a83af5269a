package org.salientsi.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.run.StudyListener;
import org.salientsi.validation.run.StudyOutcome;
import org.salientsi.validation.run.StudyRunner;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;

/**
 * A study killed mid-run (a child JVM, killed with SIGKILL once its checkpoint holds
 * {@value #KILL_AFTER} rows) continues where it stopped: every row finished before the kill is kept
 * byte for byte and not recomputed, a torn last line (the kill's own, or one appended here when the
 * kill fell between two lines) is dropped and its trial redone, and the final rows equal those of an
 * uninterrupted run.
 */
class KillResumeTest {

    private static final int TRIALS = 400;
    private static final int KILL_AFTER = 40;

    @TempDir
    Path dir;

    @Test
    void aKilledStudyResumesWithoutLosingOrRecomputingFinishedTrials() throws Exception {
        Path model = PaperModels.path(8).toAbsolutePath();
        Path file = dir.resolve(StudyRunner.CHECKPOINT);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ResumeChild.class.getName(), model.toString(),
                file.toString(), Integer.toString(TRIALS)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (rowLines(file) < KILL_AFTER) {
                assertThat(child.isAlive()).as("child still running (log: %s)", readLog()).isTrue();
                assertThat(System.nanoTime()).as("child reached %d rows in time", KILL_AFTER).isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        byte[] killed = Files.readAllBytes(file);
        String text = new String(killed, StandardCharsets.UTF_8);
        int lastNewline = text.lastIndexOf('\n');
        boolean tornByKill = lastNewline < text.length() - 1;
        List<String> finishedLines = new ArrayList<>(List.of(text.substring(0, lastNewline).split("\n")));
        finishedLines.remove(0); // the header
        ObjectMapper json = new ObjectMapper();
        List<TrialRow> finished = new ArrayList<>();
        Set<Integer> finishedTrials = new HashSet<>();
        for (String line : finishedLines) {
            TrialRow row = json.readValue(line, TrialRow.class);
            finished.add(row);
            finishedTrials.add(row.trial());
        }
        assertThat(finished.size()).isBetween(KILL_AFTER, TRIALS - 1);
        if (!tornByKill) {
            int next = 0;
            while (finishedTrials.contains(next)) {
                next++;
            }
            Files.writeString(file, "{\"trial\":" + next + ",\"seed\":123", StandardOpenOption.APPEND);
        }

        List<Integer> ran = new ArrayList<>();
        StudyOutcome resumed;
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            resumed = StudyRunner.run(ResumeChild.study(model, TRIALS), pool, file, new StudyListener() {
                @Override
                public synchronized void trialFinished(TrialRow row) {
                    ran.add(row.trial());
                }
            });
        }
        Study study = ResumeChild.study(model, TRIALS);
        StudyOutcome uninterrupted;
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            uninterrupted = StudyRunner.run(study, pool, null, StudyListener.NONE);
        }
        System.out.printf("resume test: child killed after %d finished trials (last line torn by the kill: %s); "
                        + "resumed %d, ran %d, torn lines dropped %d%n", finished.size(), tornByKill,
                resumed.summary().trialsResumed(), resumed.summary().trialsRun(), resumed.summary().tornLines());

        assertThat(resumed.summary().tornLines()).isEqualTo(1);
        assertThat(resumed.summary().trialsResumed()).isEqualTo(finished.size());
        assertThat(resumed.summary().trialsRun()).isEqualTo(TRIALS - finished.size());
        assertThat(ran).doesNotContainAnyElementsOf(finishedTrials).hasSize(TRIALS - finished.size());
        for (TrialRow row : finished) {
            assertThat(resumed.rows().get(row.trial())).isEqualTo(row);
        }
        assertThat(resumed.rows()).hasSize(TRIALS);
        for (int i = 0; i < TRIALS; i++) {
            assertThat(resumed.rows().get(i).sameOutcome(uninterrupted.rows().get(i))).as("trial %d", i).isTrue();
        }
        assertThat(resumed.stats()).isEqualTo(uninterrupted.stats());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(TRIALS + 1);
        assertThat(String.join("\n", lines.subList(0, finishedLines.size() + 1)) + "\n")
                .isEqualTo(text.substring(0, lastNewline + 1));
    }

    private static int rowLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(file);
        int n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return Math.max(0, n - 1);
    }

    private String readLog() {
        try {
            Path log = dir.resolve("child.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
