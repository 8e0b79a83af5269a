package org.salientsi.api.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.saliency.SaliencyMap;

/** Nothing to test is an outcome: a result with the region and the map and no p-value (DESIGN.md section 4). */
class UntestedResultTest {

    private final ObjectMapper json = new ObjectMapper();

    private static MapValues map() {
        return MapValues.of(new SaliencyMap(2, 3, new double[] {-0.5, -1.25, -2, -0.125, -3, -0.75}, 1, true));
    }

    private static SelectiveResult noRegion() {
        return SelectiveResult.untested("null-3.npy", Outcome.NO_REGION, Alternative.TWO_SIDED, 1,
                Region.of(2, 3, new boolean[6]), map(), 0.95, 0.25, Provenance.empty().withSigma(1.0));
    }

    private static SelectiveResult tested() {
        return new SelectiveResult("x.npy", 0.25, 0.5, 0.01, Alternative.TWO_SIDED, 1.5, 1, 2, 0,
                Region.of(2, 3, new boolean[] {true, true, false, false, false, false}), IntervalSet.of(-5, 5),
                Interval.of(1, 2), Interval.of(-11, 11), 0, 3, new ProbabilityBounds(0.25, 0.25),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(-1.0, 2.0), 0.95, 0.5, Provenance.empty());
    }

    @Test
    void anEmptyRegionIsWrittenWithItsMapAndNullPValues() throws Exception {
        JsonNode t = json.readTree(json.writeValueAsString(noRegion()));
        assertThat(t.get("outcome").asText()).isEqualTo("no_region");
        for (String f : new String[] {"selective_p", "oc_p", "naive_p", "statistic", "sigma_t", "intervals",
            "oc_interval", "search_range", "mass_outside", "p_bounds", "stop_reason", "ci"}) {
            assertThat(t.has(f)).as(f).isTrue();
            assertThat(t.get(f).isNull()).as(f).isTrue();
        }
        assertThat(t.get("region_size").asInt()).isZero();
        assertThat(t.get("pieces").asLong()).isZero();
        assertThat(t.get("region").toString()).isEqualTo("[[0,0,0],[0,0,0]]");
        assertThat(t.get("map").toString()).isEqualTo("[[-0.5,-1.25,-2.0],[-0.125,-3.0,-0.75]]");
        assertThat(t.get("target").asInt()).isEqualTo(1);
    }

    @Test
    void aTestedResultSaysSoAndCarriesNoMap() throws Exception {
        JsonNode t = json.readTree(json.writeValueAsString(tested()));
        assertThat(t.get("outcome").asText()).isEqualTo("tested");
        assertThat(t.has("map")).isFalse();
        assertThat(tested().tested()).isTrue();
        assertThat(tested().outcome()).isEqualTo(Outcome.TESTED);
    }

    @Test
    void jsonRoundTripOfAnUntestedResultGivesAnEqualResult() throws Exception {
        SelectiveResult r = noRegion();
        assertThat(json.readValue(json.writeValueAsString(r), SelectiveResult.class)).isEqualTo(r);
    }

    @Test
    void anUntestedResultRejectsNothingAndDidNotStopEarly() {
        assertThat(noRegion().tested()).isFalse();
        assertThat(noRegion().reject(0.5)).isFalse();
        assertThat(noRegion().stoppedEarly()).isFalse();
        assertThat(noRegion().selectiveP()).isNull();
    }

    @Test
    void theOutcomeMustFitTheRegion() {
        Region some = Region.of(2, 3, new boolean[] {true, false, false, false, false, false});
        assertThatThrownBy(() -> SelectiveResult.untested(null, Outcome.NO_REGION, Alternative.LESS, 0, some, map(),
                0.95, 0, Provenance.empty())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("no_region");
        assertThatThrownBy(() -> SelectiveResult.untested(null, Outcome.FULL_REGION, Alternative.LESS, 0,
                Region.of(2, 3, new boolean[6]), map(), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("full_region");
        assertThat(SelectiveResult.untested(null, Outcome.FULL_REGION, Alternative.LESS, 0, some, map(), 0.95, 0,
                Provenance.empty()).regionSize()).isEqualTo(1);
    }

    @Test
    void anUntestedResultCarriesNoPValueAndAMap() {
        Region none = Region.of(2, 3, new boolean[6]);
        assertThatThrownBy(() -> new SelectiveResult(null, Outcome.NO_REGION, 0.5, null, null, Alternative.LESS,
                null, null, 0, 0, none, map(), null, null, null, null, 0, null, null, null, 0.95, 0,
                Provenance.empty())).isInstanceOf(InvalidValueException.class).hasMessageContaining("no p-value");
        assertThatThrownBy(() -> SelectiveResult.untested(null, Outcome.NO_REGION, Alternative.LESS, 0, none, null,
                0.95, 0, Provenance.empty())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("map");
        assertThatThrownBy(() -> SelectiveResult.untested(null, Outcome.TESTED, Alternative.LESS, 0, none, map(),
                0.95, 0, Provenance.empty())).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aTestedResultNeedsItsPValues() {
        Region some = Region.of(2, 3, new boolean[] {true, false, false, false, false, false});
        assertThatThrownBy(() -> new SelectiveResult(null, Outcome.TESTED, null, 0.5, 0.5, Alternative.LESS, 1.0,
                1.0, 1, 0, some, null, IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0.0, 1,
                new ProbabilityBounds(0.5, 0.5), StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0,
                Provenance.empty())).isInstanceOf(InvalidValueException.class).hasMessageContaining("selective_p");
        assertThatThrownBy(() -> new SelectiveResult(null, null, 0.5, 0.5, 0.5, Alternative.LESS, 1.0,
                1.0, 1, 0, some, null, IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0.0, 1,
                new ProbabilityBounds(0.5, 0.5), StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0,
                Provenance.empty())).isInstanceOf(InvalidValueException.class).hasMessageContaining("outcome");
    }

    @Test
    void aMapOfAnotherShapeThanTheRegionIsRefused() {
        assertThatThrownBy(() -> SelectiveResult.untested(null, Outcome.NO_REGION, Alternative.LESS, 0,
                Region.of(3, 2, new boolean[6]), map(), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("map is 2x3");
    }

    @Test
    void aBatchLineOfAnUntestedResultHasANullAdjustedPValue() throws Exception {
        JsonNode line = json.readTree(json.writeValueAsString(new BatchLine(noRegion(), null)));
        assertThat(line.has("bh_p")).isTrue();
        assertThat(line.get("bh_p").isNull()).isTrue();
        assertThat(line.get("outcome").asText()).isEqualTo("no_region");
        assertThatThrownBy(() -> new BatchLine(noRegion(), 0.5)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("no_region");
        assertThatThrownBy(() -> new BatchLine(tested(), null)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("bh_p");
    }

    @Test
    void outcomesParseFromTheirLabels() {
        for (Outcome o : Outcome.values()) {
            assertThat(Outcome.parse(o.label())).isEqualTo(o);
        }
        assertThat(Outcome.FULL_REGION.label()).isEqualTo("full_region");
        assertThatThrownBy(() -> Outcome.parse("empty")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void mapValuesRefuseRaggedOrNonFiniteRows() {
        assertThatThrownBy(() -> MapValues.fromJson(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> MapValues.fromJson(new double[][] {{1, Double.NaN}}))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> MapValues.fromJson(new double[0][])).isInstanceOf(InvalidValueException.class);
        assertThat(MapValues.fromJson(new double[][] {{1, 2}, {3, 4}}).get(1, 0)).isEqualTo(3);
    }
}
