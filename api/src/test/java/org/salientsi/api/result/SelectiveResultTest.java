package org.salientsi.api.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;

/** The JSON contract of DESIGN.md section 4 and the validation of {@link SelectiveResult}. */
class SelectiveResultTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** The fields DESIGN.md section 4 names, in its order, plus the extra ones the record carries. */
    private static final List<String> DESIGN_FIELDS = List.of("image", "outcome", "selective_p", "oc_p", "naive_p",
            "alternative", "statistic", "sigma_t", "region_size", "region", "intervals", "search_range",
            "mass_outside", "pieces", "p_bounds", "stop_reason", "ci", "seconds", "provenance");
    private static final List<String> EXTRA_FIELDS = List.of("target", "oc_interval", "ci_level",
            "statistic_distribution", "degrees_of_freedom", "sigma_source", "sigma_df", "search");

    private final ObjectMapper json = new ObjectMapper();

    private static Region region() {
        return Region.of(2, 3, new boolean[] {false, true, true, false, true, false});
    }

    private static Provenance provenance() {
        return Provenance.empty()
                .withModel("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "onnx 1.28.0")
                .withPlugins("cam", "threshold:0", "ref-mean")
                .withSigma(1.0)
                .withSeed(42L)
                .withOption("termination", "precision:0.001")
                .withOption("alternative", "abs");
    }

    /** Every field set, every null-able end null somewhere. */
    private static SelectiveResult full() {
        return new SelectiveResult("img_007.npy", 0.0375, 0.21, 1.5e-9, Alternative.ABS, 4.125, 0.75, 3, 1,
                region(), IntervalSet.of(Interval.of(-INF, -6.5), Interval.of(-1.25, 2.0), Interval.of(4.0, INF)),
                Interval.of(4.0, 4.5), Interval.of(-11.625, 11.625), 2.5e-23, 187L,
                new ProbabilityBounds(0.0370, 0.0380), StopReason.PRECISION, new ConfidenceInterval(null, 3.875), 0.95, 1.625, provenance());
    }

    private static SelectiveResult withBounds(double lo, double hi) {
        return new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, 1, 1, 1, 0, region(),
                IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(lo, hi),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty());
    }

    /** A valid result with one p-value replaced; which one is chosen by {@code field}. */
    private static SelectiveResult withP(String field, double p) {
        double sel = field.equals("selective_p") ? p : 0.5;
        double oc = field.equals("oc_p") ? p : 0.5;
        double naive = field.equals("naive_p") ? p : 0.5;
        double mass = field.equals("mass_outside") ? p : 0;
        return new SelectiveResult(null, sel, oc, naive, Alternative.TWO_SIDED, 1, 1, 1, 0, region(),
                IntervalSet.of(-5, 5), null, Interval.of(-11, 11), mass, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(-1.0, 2.0), 0.95, 0, Provenance.empty());
    }

    private static SelectiveResult withSelectiveP(double p) {
        return new SelectiveResult(null, p, 0.5, 0.5, Alternative.TWO_SIDED, 1, 1, 1, 0, region(),
                IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(p, p),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(-1.0, 2.0), 0.95, 0, Provenance.empty());
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void jsonHasExactlyTheDesignFieldsPlusTheExtras() throws Exception {
        JsonNode tree = json.readTree(json.writeValueAsString(full()));
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>(DESIGN_FIELDS);
        expected.addAll(EXTRA_FIELDS);
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void jsonKeepsTheDesignOrderOfFields() throws Exception {
        JsonNode tree = json.readTree(json.writeValueAsString(full()));
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(n -> {
            if (DESIGN_FIELDS.contains(n)) {
                names.add(n);
            }
        });
        assertThat(names).containsExactlyElementsOf(DESIGN_FIELDS);
    }

    @Test
    void jsonValuesHaveTheDesignForms() throws Exception {
        JsonNode t = json.readTree(json.writeValueAsString(full()));
        assertThat(t.get("image").asText()).isEqualTo("img_007.npy");
        assertThat(t.get("selective_p").asDouble()).isEqualTo(0.0375);
        assertThat(t.get("oc_p").asDouble()).isEqualTo(0.21);
        assertThat(t.get("naive_p").asDouble()).isEqualTo(1.5e-9);
        assertThat(t.get("alternative").asText()).isEqualTo("abs");
        assertThat(t.get("statistic").asDouble()).isEqualTo(4.125);
        assertThat(t.get("sigma_t").asDouble()).isEqualTo(0.75);
        assertThat(t.get("region_size").asInt()).isEqualTo(3);
        assertThat(t.get("target").asInt()).isEqualTo(1);
        assertThat(t.get("region").toString()).isEqualTo("[[0,1,1],[0,1,0]]");
        assertThat(t.get("intervals").toString()).isEqualTo("[[null,-6.5],[-1.25,2.0],[4.0,null]]");
        assertThat(t.get("oc_interval").toString()).isEqualTo("[4.0,4.5]");
        assertThat(t.get("search_range").toString()).isEqualTo("[-11.625,11.625]");
        assertThat(t.get("mass_outside").asDouble()).isEqualTo(2.5e-23);
        assertThat(t.get("pieces").asLong()).isEqualTo(187L);
        assertThat(t.get("p_bounds").toString()).isEqualTo("[0.037,0.038]");
        assertThat(t.get("stop_reason").asText()).isEqualTo("precision");
        assertThat(t.get("ci").toString()).isEqualTo("[null,3.875]");
        assertThat(t.get("ci_level").asDouble()).isEqualTo(0.95);
        assertThat(t.has("bh_p")).isFalse();
        assertThat(t.get("seconds").asDouble()).isEqualTo(1.625);
        JsonNode prov = t.get("provenance");
        assertThat(prov.get("model_sha256").asText()).startsWith("9f86d081");
        assertThat(prov.get("backend").asText()).isEqualTo("onnx 1.28.0");
        assertThat(prov.get("method").asText()).isEqualTo("cam");
        assertThat(prov.get("selector").asText()).isEqualTo("threshold:0");
        assertThat(prov.get("statistic").asText()).isEqualTo("ref-mean");
        assertThat(prov.get("sigma").asDouble()).isEqualTo(1.0);
        assertThat(prov.get("seed").asLong()).isEqualTo(42L);
        assertThat(prov.get("options").toString())
                .isEqualTo("{\"alternative\":\"abs\",\"termination\":\"precision:0.001\"}");
        assertThat(prov.has("version")).isTrue();
    }

    @Test
    void jsonNumbersAreFiniteWithInfiniteEndsAsNull() throws Exception {
        String text = json.writeValueAsString(full());
        assertThat(text).doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void jsonRoundTripGivesAnEqualResult() throws Exception {
        SelectiveResult r = full();
        SelectiveResult back = json.readValue(json.writeValueAsString(r), SelectiveResult.class);
        assertThat(back).isEqualTo(r);
        assertThat(back.intervals().infimum()).isEqualTo(-INF);
        assertThat(back.intervals().supremum()).isEqualTo(INF);
        assertThat(back.ci()).isEqualTo(new ConfidenceInterval(null, 3.875));
        assertThat(back.provenance()).isEqualTo(r.provenance());
    }

    @Test
    void jsonRoundTripOfUnboundedSearchRangeAndCi() throws Exception {
        SelectiveResult r = new SelectiveResult(null, 1, 1, 1, Alternative.LESS, -0.5, 2, 1, 0, region(),
                IntervalSet.of(Interval.REAL_LINE), null, Interval.REAL_LINE, 0, 1, new ProbabilityBounds(1, 1),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.9, 0, Provenance.empty());
        String text = json.writeValueAsString(r);
        JsonNode t = json.readTree(text);
        assertThat(t.get("search_range").toString()).isEqualTo("[null,null]");
        assertThat(t.get("ci").toString()).isEqualTo("[null,null]");
        assertThat(t.get("intervals").toString()).isEqualTo("[[null,null]]");
        assertThat(t.get("image").isNull()).isTrue();
        assertThat(json.readValue(text, SelectiveResult.class)).isEqualTo(r);
    }

    @Test
    void aBatchLineIsTheResultWithTheAdjustedPValue() throws Exception {
        SelectiveResult r = full();
        JsonNode line = json.readTree(json.writeValueAsString(new BatchLine(r, 0.625)));
        JsonNode alone = json.readTree(json.writeValueAsString(r));
        assertThat(line.get("bh_p").asDouble()).isEqualTo(0.625);
        ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("bh_p");
        assertThat(line).isEqualTo(alone);
    }

    @Test
    void aBatchLineRefusesAnAdjustedPValueOutsideTheUnitInterval() {
        for (double bad : new double[] {Double.NaN, 1.25, -0.0625}) {
            assertThatThrownBy(() -> new BatchLine(full(), bad)).as("bh_p %s", bad)
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("bh_p")
                    .hasMessageContaining(Double.toString(bad));
        }
    }

    // ---------------------------------------------------------------- validation

    @Test
    void rejectsNaNPValuesNamingTheField() {
        for (String field : List.of("selective_p", "oc_p", "naive_p", "mass_outside")) {
            assertThatThrownBy(() -> withP(field, Double.NaN)).as(field)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining(field)
                    .hasMessageContaining("NaN");
        }
    }

    @Test
    void rejectsPValuesOutsideTheUnitIntervalNamingTheValue() {
        for (String field : List.of("selective_p", "oc_p", "naive_p", "mass_outside")) {
            assertThatThrownBy(() -> withP(field, 1.25)).as(field)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining(field)
                    .hasMessageContaining("1.25");
            assertThatThrownBy(() -> withP(field, -0.0625)).as(field)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("-0.0625");
        }
    }

    @Test
    void acceptsPValuesAtZeroAndOne() {
        assertThat(withP("selective_p", 0).selectiveP()).isZero();
        assertThat(withP("naive_p", 1).naiveP()).isEqualTo(1);
    }

    @Test
    void rejectsPBoundsOutOfOrderNamingThem() {
        assertThatThrownBy(() -> withBounds(0.5, 0.25))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("p_bounds")
                .hasMessageContaining("0.5")
                .hasMessageContaining("0.25");
    }

    @Test
    void rejectsPBoundsOutsideTheUnitIntervalOrOfWrongLength() {
        assertThatThrownBy(() -> withBounds(-0.1, 0.25)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("p_bounds");
        assertThatThrownBy(() -> withBounds(0.1, Double.NaN)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("p_bounds");
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, 1, 1, 1, 0,
                region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, ProbabilityBounds.of(
                new double[] {0.5}),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("p_bounds");
    }

    @Test
    void rejectsNonFiniteStatisticSigmaCiAndSeconds() {
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, Double.NaN, 1, 1,
                0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("statistic");
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, 1, 0, 1,
                0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("sigma_t");
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, 1, 1, 1,
                0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, INF), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("ci");
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, 1, 1, 1,
                0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, Double.NaN, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("seconds");
    }

    @Test
    void rejectsNonFiniteCiLevel() {
        // the constructor promises "a result never carries NaN"; Jackson would write ci_level as NaN
        for (double level : new double[] {Double.NaN, INF}) {
            assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.TWO_SIDED, 1, 1, 1,
                    0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1,
                    new ProbabilityBounds(0.5, 0.5), StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), level, 0, Provenance.empty()))
                    .as("ci_level %s", level)
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("ci_level");
        }
    }

    @Test
    void rejectsMissingRequiredParts() {
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, null, 1, 1, 1,
                0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, new ConfidenceInterval(null, null), 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("alternative");
        assertThatThrownBy(() -> new SelectiveResult(null, 0.5, 0.5, 0.5, Alternative.GREATER, 1, 1, 1,
                0, region(), IntervalSet.of(-5, 5), null, Interval.of(-11, 11), 0, 1, new ProbabilityBounds(0.5, 0.5),
                StopReason.EXHAUSTIVE, null, 0.95, 0, Provenance.empty()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("ci");
    }

    @Test
    void boundsAndIntervalAreValuesWrittenAsArrays() throws Exception {
        ProbabilityBounds b = new ProbabilityBounds(0.25, 0.375);
        assertThat(b).isEqualTo(ProbabilityBounds.of(new double[] {0.25, 0.375})).hasSameHashCodeAs(
                new ProbabilityBounds(0.25, 0.375));
        assertThat(json.writeValueAsString(b)).isEqualTo("[0.25,0.375]");
        assertThat(json.readValue("[0.25,0.375]", ProbabilityBounds.class)).isEqualTo(b);
        assertThat(b.exact()).isFalse();
        ConfidenceInterval ci = new ConfidenceInterval(-1.0, null);
        assertThat(json.writeValueAsString(ci)).isEqualTo("[-1.0,null]");
        assertThat(json.readValue("[-1.0,null]", ConfidenceInterval.class)).isEqualTo(ci);
        assertThat(ci.end(0)).isEqualTo(-1.0);
        assertThat(ci.end(1)).isNull();
        assertThatThrownBy(() -> ConfidenceInterval.of(new Double[] {1.0})).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("ci");
    }

    // ---------------------------------------------------------------- reject(alpha)

    @Test
    void rejectComparesTheSelectivePValueWithAlpha() {
        SelectiveResult r = withSelectiveP(0.03);
        assertThat(r.reject(0.05)).isTrue();
        assertThat(r.reject(0.03)).isTrue();
        assertThat(r.reject(0.01)).isFalse();
    }

    @Test
    void rejectValidatesAlphaNamingIt() {
        SelectiveResult r = withSelectiveP(0.03);
        for (double alpha : new double[] {0, 1, -0.05, 1.5, Double.NaN, INF}) {
            assertThatThrownBy(() -> r.reject(alpha)).as("alpha %s", alpha)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("alpha")
                    .hasMessageContaining(Double.toString(alpha));
        }
    }

    // ---------------------------------------------------------------- copies

    @Test
    void withCopiesChangeOneField() {
        SelectiveResult r = full();
        assertThat(r.withImage("other.npy").image()).isEqualTo("other.npy");
        assertThat(r.withImage("other.npy")).isEqualTo(new SelectiveResult("other.npy", r.selectiveP(), r.ocP(),
                r.naiveP(), r.alternative(), r.statistic(), r.sigmaT(), r.regionSize(), r.target(), r.region(),
                r.intervals(), r.ocInterval(), r.searchRange(), r.massOutside(), r.pieces(), r.pBounds(),
                r.stopReason(), r.ci(), r.ciLevel(), r.seconds(), r.provenance()));
        assertThat(r.withProvenance(Provenance.empty()).provenance()).isEqualTo(Provenance.empty());
        assertThat(r.image()).isEqualTo("img_007.npy");
    }

    @Test
    void aRunsProvenanceSaysWhenAndOnWhichRuntimeAndSystem() throws Exception {
        java.time.Instant start = java.time.Instant.parse("2026-12-07T14:05:00.123Z");
        Provenance p = provenance().withRun(start);
        assertThat(p.started()).isEqualTo("2026-12-07T14:05:00.123Z");
        assertThat(p.jvm()).contains(System.getProperty("java.runtime.version"));
        assertThat(p.os()).startsWith(System.getProperty("os.name")).endsWith(System.getProperty("os.arch"));
        JsonNode t = json.readTree(json.writeValueAsString(p));
        assertThat(t.get("started").asText()).isEqualTo("2026-12-07T14:05:00.123Z");
        assertThat(json.readValue(json.writeValueAsString(p), Provenance.class)).isEqualTo(p);
        assertThat(provenance().started()).isNull();
        assertThat(p.withOption("x", "y").withSeed(3L).started()).as("copies keep the run").isEqualTo(p.started());
        assertThat(p.withoutRun()).isEqualTo(provenance());
    }

    @Test
    void stoppedEarlyUnlessExhaustive() {
        assertThat(full().stoppedEarly()).isTrue();
        assertThat(withSelectiveP(0.5).stoppedEarly()).isFalse();
    }

    @Test
    void equalResultsHaveEqualHashCodes() {
        assertThat(full()).isEqualTo(full()).hasSameHashCodeAs(full());
        assertThat(full()).isNotEqualTo(full().withImage("x"));
    }

    // ---------------------------------------------------------------- Alternative, StopReason

    @Test
    void alternativeLabelsAreTheCommandLineNames() {
        assertThat(Alternative.TWO_SIDED.label()).isEqualTo("two-sided");
        assertThat(Alternative.GREATER.label()).isEqualTo("greater");
        assertThat(Alternative.LESS.label()).isEqualTo("less");
        assertThat(Alternative.ABS.label()).isEqualTo("abs");
        assertThat(Alternative.values()).extracting(Alternative::toString)
                .containsExactly("two-sided", "greater", "less", "abs");
    }

    @Test
    void alternativeParsesLabelsIgnoringCaseAndSpace() {
        for (Alternative a : Alternative.values()) {
            assertThat(Alternative.parse(a.label())).isSameAs(a);
            assertThat(Alternative.parse(" " + a.label().toUpperCase(java.util.Locale.ROOT) + " ")).isSameAs(a);
        }
    }

    @Test
    void alternativeParseErrorListsTheKnownLabels() {
        for (String bad : new String[] {"two_sided", "both", ""}) {
            assertThatThrownBy(() -> Alternative.parse(bad)).as(bad)
                    .isInstanceOf(org.salientsi.api.error.InvalidInputException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("two-sided, greater, less, abs");
        }
        assertThatThrownBy(() -> Alternative.parse(null))
                .isInstanceOf(org.salientsi.api.error.InvalidInputException.class);
    }

    @Test
    void alternativeJsonIsItsLabel() throws Exception {
        assertThat(json.writeValueAsString(Alternative.TWO_SIDED)).isEqualTo("\"two-sided\"");
        assertThat(json.readValue("\"abs\"", Alternative.class)).isSameAs(Alternative.ABS);
        assertThat(json.readValue("\"Greater\"", Alternative.class)).isSameAs(Alternative.GREATER);
        assertThatThrownBy(() -> json.readValue("\"TWO_SIDED\"", Alternative.class))
                .hasRootCauseInstanceOf(org.salientsi.api.error.InvalidInputException.class);
    }

    @Test
    void stopReasonLabelsAreLowerCase() {
        assertThat(StopReason.EXHAUSTIVE.label()).isEqualTo("exhaustive");
        assertThat(StopReason.PRECISION.label()).isEqualTo("precision");
        assertThat(StopReason.DECISION.label()).isEqualTo("decision");
        for (StopReason r : StopReason.values()) {
            assertThat(StopReason.parse(r.label())).isSameAs(r);
            assertThat(StopReason.parse(r.label().toUpperCase(java.util.Locale.ROOT))).isSameAs(r);
        }
    }

    @Test
    void stopReasonParseErrorNamesTheText() {
        assertThatThrownBy(() -> StopReason.parse("timeout"))
                .isInstanceOf(org.salientsi.api.error.InvalidInputException.class)
                .hasMessageContaining("'timeout'");
    }

    @Test
    void stopReasonJsonIsItsLabel() throws Exception {
        assertThat(json.writeValueAsString(StopReason.DECISION)).isEqualTo("\"decision\"");
        assertThat(json.readValue("\"exhaustive\"", StopReason.class)).isSameAs(StopReason.EXHAUSTIVE);
    }

    // ---------------------------------------------------------------- Provenance

    @Test
    void provenanceWithCopiesLeaveTheOriginal() {
        Provenance p = Provenance.empty();
        Provenance m = p.withModel("abc", "dl4j");
        Provenance q = m.withPlugins("gradcam", "top-k:10", "contrast");
        Provenance s = q.withSigma(0.5).withSeed(7L);
        assertThat(p.modelSha256()).isNull();
        assertThat(m.modelSha256()).isEqualTo("abc");
        assertThat(m.backend()).isEqualTo("dl4j");
        assertThat(m.method()).isNull();
        assertThat(q.method()).isEqualTo("gradcam");
        assertThat(q.selector()).isEqualTo("top-k:10");
        assertThat(q.statistic()).isEqualTo("contrast");
        assertThat(q.sigma()).isNull();
        assertThat(s.sigma()).isEqualTo(0.5);
        assertThat(s.seed()).isEqualTo(7L);
        assertThat(s.modelSha256()).isEqualTo("abc");
        assertThat(s.version()).isEqualTo(p.version());
        assertThat(s.withSigma(null).sigma()).isNull();
    }

    @Test
    void provenanceOptionsAreSortedAndUnmodifiable() {
        Provenance p = Provenance.empty().withOption("zeta", "1").withOption("alpha", "2")
                .withOptions(Map.of("mid", "3", "beta", "4"));
        assertThat(p.options().keySet()).containsExactly("alpha", "beta", "mid", "zeta");
        assertThatThrownBy(() -> p.options().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        java.util.LinkedHashMap<String, String> unsorted = new java.util.LinkedHashMap<>();
        unsorted.put("z", "1");
        unsorted.put("a", "2");
        Provenance direct = new Provenance(null, null, null, null, null, null, unsorted, null, "v", null, null, null);
        unsorted.put("b", "3");
        assertThat(direct.options().keySet()).containsExactly("a", "z");
    }

    @Test
    void provenanceWithOptionReplacesAndLeavesTheOriginal() {
        Provenance a = Provenance.empty().withOption("range", "10");
        Provenance b = a.withOption("range", "12");
        assertThat(a.options()).containsExactly(Map.entry("range", "10"));
        assertThat(b.options()).containsExactly(Map.entry("range", "12"));
    }

    @Test
    void provenanceVersionDefaultsToTheLibraryVersion() {
        Provenance p = new Provenance(null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(p.version()).isEqualTo(org.salientsi.api.SalientVersion.current()).isNotBlank();
        assertThat(p.options()).isEmpty();
        assertThat(Provenance.empty().version()).isEqualTo(org.salientsi.api.SalientVersion.current());
    }

    @Test
    void provenanceJsonWritesNullsAndSnakeCaseNames() throws Exception {
        JsonNode t = json.readTree(json.writeValueAsString(Provenance.empty()));
        List<String> names = new ArrayList<>();
        t.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("model_sha256", "backend", "method", "selector", "statistic", "sigma",
                "options", "seed", "version", "started", "jvm", "os");
        assertThat(t.get("sigma").isNull()).isTrue();
        assertThat(t.get("started").isNull()).isTrue();
        assertThat(t.get("options").toString()).isEqualTo("{}");
    }

    @Test
    void provenanceJsonRoundTrip() throws Exception {
        Provenance p = provenance();
        assertThat(json.readValue(json.writeValueAsString(p), Provenance.class)).isEqualTo(p);
    }
}
