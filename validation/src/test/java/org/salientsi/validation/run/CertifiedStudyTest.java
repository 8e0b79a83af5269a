package org.salientsi.validation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.validation.executor.LocalTrialExecutor;
import org.salientsi.validation.executor.TrialExecutor;
import org.salientsi.validation.report.StudyReport;
import org.salientsi.validation.study.ModelSource;
import org.salientsi.validation.study.Study;
import org.salientsi.validation.study.TrialRow;
import org.salientsi.validation.summary.PValueStats;
import org.salientsi.validation.summary.StudySummary;

/**
 * A null study on the 16 px Vision Transformer ({@code vit_16.onnx}, not piecewise linear): every trial's
 * search is certified, its row holds the upper bound as {@code selective_p}, the lower bound and the midpoint
 * in order, and no OC p-value; the summary reports the upper bound, the lower bound and the midpoint (each
 * with its rate, interval and KS test) and no OC; the report shows them; a study resumed from its checkpoint
 * equals one run without a break.
 */
class CertifiedStudyTest {

    private static final int TRIALS = 6;
    private static StudyOutcome whole;
    private static Study study;

    @TempDir
    Path dir;

    static Path vit16() {
        Path fixtures = Path.of(System.getProperty("salientsi.onnxFixtures",
                "../backend-onnx/src/test/resources/fixtures"));
        return fixtures.resolveSibling("vit").resolve("vit_16.onnx");
    }

    @BeforeAll
    static void runWhole() {
        study = Study.of(ModelSource.of(vit16())).withMethod("attention", Map.of()).withSelector("top-k:16")
                .withSeed(24).withTrials(TRIALS);
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            whole = StudyRunner.run(study, pool, null, StudyListener.NONE);
        }
    }

    @Test
    void certifiedRowsHoldOrderedBoundsAndNoOcPValue() {
        assertThat(whole.rows()).hasSize(TRIALS);
        for (TrialRow r : whole.rows()) {
            assertThat(r.search()).as("trial %d", r.trial()).isEqualTo(TrialRow.CERTIFIED);
            assertThat(r.isCertified()).isTrue();
            assertThat(r.ocP()).isNull();
            assertThat(r.pLower()).isBetween(0.0, r.selectiveP());
            assertThat(r.pMidpoint()).isBetween(r.pLower(), r.selectiveP());
            assertThat(r.pMidpoint()).isEqualTo((r.pLower() + r.selectiveP()) / 2, within(1e-15));
            assertThat(r.selectiveP()).isLessThanOrEqualTo(1.0);
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    @Test
    void theSummaryReportsUpperLowerAndMidpointAndNoOc() {
        StudySummary s = whole.summary();
        assertThat(s.search()).isEqualTo(StudySummary.CERTIFIED);
        assertThat(s.oc()).isNull();
        assertThat(whole.stats().certifiedTrials()).isEqualTo(TRIALS);
        check(s.selective(), whole.rows().stream().mapToDouble(TrialRow::selectiveP).toArray(),
                whole.stats().selective());
        check(s.pLower(), whole.rows().stream().mapToDouble(TrialRow::pLower).toArray(), whole.stats().lower());
        check(s.pMidpoint(), whole.rows().stream().mapToDouble(TrialRow::pMidpoint).toArray(),
                whole.stats().midpoint());
        // a lower bound rejects whenever the upper bound does
        assertThat(s.pLower().rejections()).isGreaterThanOrEqualTo(s.pMidpoint().rejections());
        assertThat(s.pMidpoint().rejections()).isGreaterThanOrEqualTo(s.selective().rejections());
    }

    private static void check(StudySummary.Rates rates, double[] values, PValueStats stats) {
        long rejections = java.util.Arrays.stream(values).filter(p -> p <= 0.05).count();
        assertThat(rates.rejections()).isEqualTo(rejections);
        assertThat(rates.rejectionRate()).isEqualTo(rejections / (double) TRIALS);
        assertThat(rates.rateCi()).hasSize(2);
        assertThat(rates.rateCi()[0]).isLessThanOrEqualTo(rates.rejectionRate());
        assertThat(rates.rateCi()[1]).isGreaterThanOrEqualTo(rates.rejectionRate());
        assertThat(rates.ksP()).isBetween(0.0, 1.0);
        assertThat(stats.count()).isEqualTo(TRIALS);
        // the KS distance from U(0, 1), written out: max over i of i/n - p_(i) and p_(i) - (i-1)/n
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.length; i++) {
            d = Math.max(d, Math.max((i + 1.0) / sorted.length - sorted[i], sorted[i] - i / (double) sorted.length));
        }
        assertThat(rates.ksStatistic()).isEqualTo(d, within(1e-12));
    }

    @Test
    void theReportShowsTheBoundsAndMarksOcAbsent() throws IOException {
        StudyReport.write(dir, whole, "certified study");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(StudyReport.SUMMARY).toFile());
        assertThat(summary.get("search").asText()).isEqualTo("certified");
        assertThat(summary.get("oc").isNull()).isTrue();
        for (String kind : new String[] {"selective", "p_lower", "p_midpoint", "naive"}) {
            assertThat(summary.get(kind).get("rejection_rate").isNumber()).as(kind).isTrue();
            assertThat(summary.get(kind).get("ks_p").isNumber()).as(kind).isTrue();
        }
        List<String> csv = Files.readAllLines(dir.resolve(StudyReport.ROWS));
        assertThat(csv).hasSize(TRIALS + 1);
        TrialRow first = whole.rows().get(0);
        assertThat(csv.get(1)).startsWith(first.trial() + "," + first.seed() + "," + first.selectiveP() + ",,")
                .endsWith(",certified," + first.pLower() + "," + first.pMidpoint());
        assertThat(dir.resolve("hist-p-lower.png")).exists();
        assertThat(dir.resolve("hist-p-midpoint.png")).exists();
        assertThat(dir.resolve("hist-oc.png")).doesNotExist();
        String page = Files.readString(dir.resolve(StudyReport.PAGE));
        assertThat(page).contains("<td>lower bound</td>", "<td>midpoint</td>", "absent: a certified search has no OC",
                "hist-p-lower.png");
    }

    @Test
    void aResumedCertifiedStudyEqualsAnUninterruptedOne() throws IOException {
        Path file = dir.resolve(StudyRunner.CHECKPOINT);
        try (TrialExecutor pool = new LocalTrialExecutor(2)) {
            StudyOutcome first = StudyRunner.run(study.withTrials(3), pool, file, StudyListener.NONE);
            assertThat(Files.readAllLines(file).get(1)).contains("\"oc_p\":null", "\"search\":\"certified\"",
                    "\"p_lower\":", "\"p_midpoint\":");
            StudyOutcome resumed = StudyRunner.run(study, pool, file, StudyListener.NONE);
            assertThat(resumed.summary().trialsResumed()).isEqualTo(3);
            assertThat(resumed.summary().trialsRun()).isEqualTo(TRIALS - 3);
            assertThat(resumed.rows().subList(0, 3)).isEqualTo(first.rows());
            for (int i = 0; i < TRIALS; i++) {
                assertThat(resumed.rows().get(i).sameOutcome(whole.rows().get(i))).as("trial %d", i).isTrue();
            }
            assertThat(resumed.stats()).isEqualTo(whole.stats());
        }
    }
}
