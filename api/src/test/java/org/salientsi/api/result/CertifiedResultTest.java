package org.salientsi.api.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;

/**
 * A result of the certified search (issue 24): the upper bound is the p-value, the bounds are its p_bounds, there is
 * no OC p-value; the JSON has {@code search} and the {@code certified} object and reads back equal.
 */
class CertifiedResultTest {

    private final ObjectMapper json = new ObjectMapper();

    private static CertifiedBounds bounds() {
        return CertifiedBounds.of(0.0312, 0.0398, 41, 17, 3, IntervalSet.of(Interval.of(0.5, 0.5625),
                Interval.of(2.25, 2.25 + 1.0 / 64)), 1e-6, "precision:0.01");
    }

    private static SelectiveResult certified(CertifiedBounds b) {
        return SelectiveResult.certified("x.npy", 1e-4, Alternative.TWO_SIDED, 2.5, 0.75, 1, 0,
                Region.of(2, 2, new boolean[] {true, false, false, false}), IntervalSet.of(1.0, 2.25),
                Interval.of(-10, 10), 1e-20, 61, StopReason.CERTIFIED, 0.95, 0.5, Provenance.empty(), b);
    }

    @Test
    void theUpperBoundIsThePValueAndTheJsonReadsBackEqual() throws Exception {
        SelectiveResult r = certified(bounds());
        assertThat(r.selectiveP()).isEqualTo(0.0398);
        assertThat(r.pBounds()).isEqualTo(new ProbabilityBounds(0.0312, 0.0398));
        assertThat(r.ocP()).isNull();
        assertThat(r.reject(0.04)).isTrue();
        assertThat(r.reject(0.035)).as("the lower bound never decides").isFalse();
        JsonNode t = json.readTree(json.writeValueAsString(r));
        assertThat(t.get("search").asText()).isEqualTo("certified");
        assertThat(t.get("stop_reason").asText()).isEqualTo("certified");
        assertThat(t.get("oc_p").isNull()).isTrue();
        JsonNode c = t.get("certified");
        assertThat(c.get("p_midpoint").asDouble()).isEqualTo((0.0312 + 0.0398) / 2);
        assertThat(c.get("undecided_width").asDouble()).isEqualTo(0.0625 + 1.0 / 64);
        assertThat(c.get("undecided").toString()).isEqualTo("[[0.5,0.5625],[2.25,2.265625]]");
        assertThat(c.get("segments_in").asLong()).isEqualTo(41);
        assertThat(json.readValue(json.writeValueAsString(r), SelectiveResult.class)).isEqualTo(r);
    }

    @Test
    void anExactResultHasNoCertifiedObject() throws Exception {
        SelectiveResult exact = certified(bounds()).withProvenance(Provenance.empty());
        SelectiveResult plain = new SelectiveResult(exact.image(), exact.outcome(), 0.03, 0.2, 1e-4,
                exact.alternative(), exact.statistic(), exact.sigmaT(), 1, 0, exact.region(), null,
                exact.intervals(), Interval.of(2, 3), exact.searchRange(), 0.0, 5, new ProbabilityBounds(0.03, 0.03),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty());
        JsonNode t = json.readTree(json.writeValueAsString(plain));
        assertThat(t.get("search").asText()).isEqualTo("exact");
        assertThat(t.has("certified")).isFalse();
    }

    @Test
    void boundsThatDisagreeWithThePValueOrAreOutOfOrderAreRefused() {
        CertifiedBounds b = bounds();
        assertThatThrownBy(() -> new SelectiveResult("x", Outcome.TESTED, 0.035, null, 0.1, Alternative.GREATER,
                1.0, 1.0, 1, 0, Region.of(1, 1, new boolean[] {true}), null, IntervalSet.of(0, 1), null,
                Interval.of(-10, 10), 0.0, 3, new ProbabilityBounds(0.0312, 0.0398), StopReason.CERTIFIED,
                new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty(), b))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("selective_p");
        assertThatThrownBy(() -> CertifiedBounds.of(0.5, 0.4, 1, 1, 1, IntervalSet.empty(), 1e-6, "stalled"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CertifiedBounds.of(0.1, 0.4, 1, 1, 1, IntervalSet.empty(), 0, "stalled"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("width_limit");
    }
}
