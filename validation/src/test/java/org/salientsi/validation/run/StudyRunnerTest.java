package org.salientsi.validation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.validation.PaperModels;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.report.StudyReport;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.StudyAccumulator;

/**
 * A whole study: resuming and growing from a checkpoint gives the rows of one uninterrupted run, and
 * the report has the summary of DESIGN.md section 4, the rows, decodable PNGs and a page.
 */
class StudyRunnerTest {

    @TempDir
    Path dir;

    @Test
    void aStudyResumesAndGrowsWithoutRecomputingFinishedTrials() {
        Study study = Study.of(PaperModels.source(8)).withSeed(77);
        Path file = dir.resolve(StudyRunner.CHECKPOINT);
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            StudyOutcome whole = StudyRunner.run(study.withTrials(30), pool, null, StudyListener.NONE);
            StudyOutcome first = StudyRunner.run(study.withTrials(18), pool, file, StudyListener.NONE);
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger resumed = new AtomicInteger(-1);
            StudyOutcome grown = StudyRunner.run(study.withTrials(30), pool, file, new StudyListener() {
                @Override
                public void started(int trials, int already) {
                    resumed.set(already);
                }

                @Override
                public void trialFinished(TrialRow row) {
                    assertThat(row.trial()).isGreaterThanOrEqualTo(18);
                    ran.incrementAndGet();
                }
            });
            assertThat(resumed).hasValue(18);
            assertThat(ran).hasValue(12);
            assertThat(grown.summary().trialsResumed()).isEqualTo(18);
            assertThat(grown.summary().trialsRun()).isEqualTo(12);
            assertThat(grown.rows().subList(0, 18)).isEqualTo(first.rows());
            for (int i = 0; i < 30; i++) {
                assertThat(grown.rows().get(i).sameOutcome(whole.rows().get(i))).as("trial %d", i).isTrue();
            }
            assertThat(grown.stats()).isEqualTo(whole.stats());
            StudyOutcome shrunk = StudyRunner.run(study.withTrials(10), pool, file, StudyListener.NONE);
            assertThat(shrunk.summary().trialsRun()).isZero();
            assertThat(shrunk.rows()).isEqualTo(grown.rows().subList(0, 10));
            assertThat(shrunk.stats()).isEqualTo(StudyAccumulator.of(0.05, grown.rows().subList(0, 10)).snapshot());
        }
    }

    @Test
    void theReportHasTheSummaryRowsPlotsAndPage() throws IOException {
        Study study = Study.of(PaperModels.source(8)).withSeed(5).withTrials(25);
        StudyOutcome outcome;
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            outcome = StudyRunner.run(study, pool, dir.resolve(StudyRunner.CHECKPOINT), StudyListener.NONE);
        }
        StudyReport.write(dir, outcome, "test study");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(StudyReport.SUMMARY).toFile());
        assertThat(summary.get("trials").asInt()).isEqualTo(25);
        assertThat(summary.get("empty_regions").asLong()).isEqualTo(
                outcome.rows().stream().mapToLong(TrialRow::emptyDraws).sum());
        assertThat(summary.get("alpha").asDouble()).isEqualTo(0.05);
        for (String kind : new String[] {"selective", "oc", "naive"}) {
            JsonNode k = summary.get(kind);
            long rejections = outcome.rows().stream().mapToDouble(r -> kind.equals("selective") ? r.selectiveP()
                    : kind.equals("oc") ? r.ocP() : r.naiveP()).filter(p -> p <= 0.05).count();
            assertThat(k.get("rejection_rate").asDouble()).isEqualTo(rejections / 25.0);
            assertThat(k.get("rate_ci")).hasSize(2);
            assertThat(k.get("ks_p").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(summary.get("seconds").isNumber()).isTrue();
        assertThat(summary.get("provenance").get("model_sha256").asText())
                .isEqualTo(study.model().sha256());
        assertThat(summary.get("provenance").get("seed").asLong()).isEqualTo(5);
        List<String> csv = Files.readAllLines(dir.resolve(StudyReport.ROWS));
        assertThat(csv).hasSize(26);
        assertThat(csv.get(0)).isEqualTo(TrialRow.CSV_HEADER);
        assertThat(csv.get(1)).startsWith("0," + outcome.rows().get(0).seed() + ",");
        for (String png : new String[] {"hist-selective.png", "hist-oc.png", "hist-naive.png", StudyReport.QQ}) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(640);
        }
        String page = Files.readString(dir.resolve(StudyReport.PAGE));
        assertThat(page).contains("<img src=\"qq.png\"", "hist-selective.png", "model_8.h5", "trials.csv");
    }
}
