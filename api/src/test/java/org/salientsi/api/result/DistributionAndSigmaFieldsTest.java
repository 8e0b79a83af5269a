package org.salientsi.api.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;

/**
 * The JSON fields {@code statistic_distribution}, {@code degrees_of_freedom}, {@code sigma_source} and
 * {@code sigma_df}: read from the provenance the engine wrote, written with the result, ignored when read back.
 */
class DistributionAndSigmaFieldsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static SelectiveResult result(Provenance p) {
        return new SelectiveResult(null, 0.2, 0.3, 0.01, Alternative.GREATER, 4, 1, 2, 0,
                Region.of(2, 2, new boolean[] {true, true, false, false}), IntervalSet.of(1, 8), Interval.of(3, 5),
                Interval.of(0, 14), 0, 3, new ProbabilityBounds(0.2, 0.2), StopReason.EXHAUSTIVE,
                new ConfidenceInterval(null, null), 0.95, 0, p);
    }

    @Test
    void aGivenSigmaAndALinearStatisticAreNormalWithoutDegrees() throws Exception {
        SelectiveResult r = result(Provenance.empty().withSigma(1.5));
        JsonNode t = json.readTree(json.writeValueAsString(r));
        assertThat(t.get("statistic_distribution").asText()).isEqualTo("normal");
        assertThat(t.get("degrees_of_freedom").isNull()).isTrue();
        assertThat(t.get("sigma_source").asText()).isEqualTo("given");
        assertThat(t.get("sigma_df").isNull()).isTrue();
        assertThat(json.readValue(json.writeValueAsString(r), SelectiveResult.class)).isEqualTo(r);
    }

    @Test
    void aChiStatisticWithAnEstimatedSigmaReportsBoth() throws Exception {
        Provenance p = Provenance.empty().withSigma(1.2).withOption("statistic_distribution", "chi")
                .withOption("degrees_of_freedom", "2").withOption("sigma_source", "upper-limit")
                .withOption("sigma_df", "128");
        SelectiveResult r = result(p);
        JsonNode t = json.readTree(json.writeValueAsString(r));
        assertThat(t.get("statistic_distribution").asText()).isEqualTo("chi");
        assertThat(t.get("degrees_of_freedom").asInt()).isEqualTo(2);
        assertThat(t.get("sigma_source").asText()).isEqualTo("upper-limit");
        assertThat(t.get("sigma_df").asDouble()).isEqualTo(128.0);
        assertThat(json.readValue(json.writeValueAsString(r), SelectiveResult.class)).isEqualTo(r);
    }

    @Test
    void aCovarianceIsItsOwnSourceAndAnUntestedResultHasNoDistribution() {
        SelectiveResult r = result(Provenance.empty().withOption("covariance", "c.npy"));
        assertThat(r.sigmaSource()).isEqualTo("covariance");
        SelectiveResult untested = SelectiveResult.untested(null, Outcome.NO_REGION, Alternative.TWO_SIDED, 0,
                Region.of(1, 1, new boolean[] {false}), MapValues.fromJson(new double[][] {{0}}), 0.95, 0,
                Provenance.empty().withSigma(1.0));
        assertThat(untested.statisticDistribution()).isNull();
        assertThat(untested.degreesOfFreedom()).isNull();
    }
}
