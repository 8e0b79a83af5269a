package org.salientsi.validation.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.result.Provenance;
import org.salientsi.validation.study.TrialRow;

/**
 * The summary of studies whose searches were certified: the upper bounds are the selective p-values, the lower
 * bounds and midpoints get their own rates, intervals and KS tests, OC is absent; an exact study's summary keeps
 * its fields and has no bound rows; merging stays associative.
 */
class CertifiedSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<TrialRow> rows(int n, long seed, boolean certified) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrialRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double lo = r.nextDouble() * 0.9;
            double hi = lo + r.nextDouble() * 0.1;
            rows.add(certified ? TrialRow.certified(i, i, lo, hi, (lo + hi) / 2, r.nextDouble(), 1, 1, 4, 9, 0, 0.1)
                    : new TrialRow(i, i, hi, r.nextDouble(), r.nextDouble(), 1, 1, 4, 9, 0, 0.1));
        }
        return rows;
    }

    private static long below(List<TrialRow> rows, java.util.function.ToDoubleFunction<TrialRow> p) {
        return rows.stream().mapToDouble(p).filter(v -> v <= 0.05).count();
    }

    @Test
    void aCertifiedStudySummarisesUpperLowerAndMidpointAndHasNoOc() throws Exception {
        List<TrialRow> rows = rows(60, 3, true);
        StudyStats stats = StudyAccumulator.of(0.05, rows).snapshot();
        assertThat(stats.certifiedTrials()).isEqualTo(60);
        assertThat(stats.oc().count()).isZero();
        StudySummary s = StudySummary.of(stats, 60, 0, 0, "local", 1.0, Provenance.empty());
        assertThat(s.search()).isEqualTo("certified");
        assertThat(s.oc()).isNull();
        assertThat(s.selective().rejections()).isEqualTo(below(rows, TrialRow::selectiveP));
        assertThat(s.pLower().rejections()).isEqualTo(below(rows, TrialRow::pLower));
        assertThat(s.pMidpoint().rejections()).isEqualTo(below(rows, TrialRow::pMidpoint));
        assertThat(s.pLower().rejections()).isGreaterThan(s.selective().rejections());
        // Clopper-Pearson for the lower bounds' count, from the Beta quantiles written out with Commons Math
        long x = s.pLower().rejections();
        assertThat(s.pLower().rateCi()[0]).isCloseTo(new org.apache.commons.math3.distribution.BetaDistribution(x,
                60 - x + 1).inverseCumulativeProbability(0.025), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.pLower().ksP()).isBetween(0.0, 1.0);
        JsonNode node = JSON.readTree(JSON.writeValueAsString(s));
        assertThat(node.get("oc").isNull()).isTrue();
        assertThat(node.get("p_lower").get("rejections").asLong()).isEqualTo(x);
        assertThat(node.get("p_midpoint").get("rate_ci")).hasSize(2);
    }

    @Test
    void anExactStudySummaryHasNoBoundRows() throws Exception {
        StudySummary s = StudySummary.of(StudyAccumulator.of(0.05, rows(30, 4, false)).snapshot(), 30, 0, 0, "local",
                1.0, Provenance.empty());
        assertThat(s.search()).isEqualTo("exact");
        assertThat(s.oc().rateCi()).hasSize(2);
        assertThat(s.pLower()).isNull();
        JsonNode node = JSON.readTree(JSON.writeValueAsString(s));
        assertThat(node.has("p_lower")).isFalse();
        assertThat(node.has("p_midpoint")).isFalse();
        assertThat(node.get("search").asText()).isEqualTo("exact");
    }

    @Test
    void mixedRowsMergeInAnyOrderAndOcCountsTheExactTrialsOnly() {
        List<TrialRow> a = rows(20, 5, true);
        List<TrialRow> b = rows(15, 6, false);
        StudyStats ab = StudyAccumulator.of(0.05, a).merge(StudyAccumulator.of(0.05, b)).snapshot();
        StudyStats ba = StudyAccumulator.of(0.05, b).merge(StudyAccumulator.of(0.05, a)).snapshot();
        assertThat(ab).isEqualTo(ba);
        assertThat(ab.trials()).isEqualTo(35);
        assertThat(ab.certifiedTrials()).isEqualTo(20);
        assertThat(ab.oc().count()).isEqualTo(15);
        assertThat(ab.lower().count()).isEqualTo(20);
        StudySummary s = StudySummary.of(ab, 35, 0, 0, "local", 1.0, Provenance.empty());
        assertThat(s.search()).isEqualTo("mixed");
        assertThat(s.oc()).isNotNull();
        assertThat(s.pMidpoint()).isNotNull();
    }
}
