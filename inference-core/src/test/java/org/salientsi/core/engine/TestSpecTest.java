package org.salientsi.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.result.Alternative;
import org.salientsi.core.search.SegmentSkipping;
import org.salientsi.core.search.Termination;

class TestSpecTest {

    @Test
    void defaultsAreThoseOfTheDesign() {
        TestSpec d = TestSpec.defaults();
        assertThat(d.method()).isEqualTo("cam");
        assertThat(d.selector()).isEqualTo("threshold:0");
        assertThat(d.statistic()).isNull();
        assertThat(d.alternative()).isEqualTo(Alternative.TWO_SIDED);
        assertThat(d.termination()).isEqualTo(Termination.exhaustive());
        assertThat(d.skipping()).isEqualTo(SegmentSkipping.ALWAYS);
        assertThat(d.range()).isEqualTo(10.0);
        assertThat(d.confidence()).isEqualTo(0.95);
        assertThat(d.noise()).isNull();
        assertThat(d.searchThreads()).isEqualTo(1);
    }

    @Test
    void everyTextOptionIsReadByTheOneParser() {
        TestSpec s = TestSpec.defaults();
        for (String option : TestSpec.OPTIONS) {
            String value = switch (option) {
                case "method" -> "gradcam";
                case "target" -> "1";
                case "cam-layer" -> "features";
                case "selector" -> "top-k:8";
                case "statistic" -> "ref-abs";
                case "alternative" -> "abs";
                case "termination" -> "decision:0.05";
                case "skipping" -> "never";
                case "range" -> "6.5";
                case "confidence" -> "0.9";
                case "sigma" -> "2.5";
                case "search-threads" -> "3";
                case "max-seconds" -> "1.5";
                case "search" -> "certified";
                case "width-limit" -> "1e-4";
                default -> throw new AssertionError("no value for " + option);
            };
            s = s.withOption(option, value);
        }
        assertThat(s).isEqualTo(new TestSpec("gradcam", 1, "features", Map.of(), "top-k:8", "ref-abs",
                Alternative.ABS, Termination.decision(0.05), SegmentSkipping.NEVER, 6.5, 0.9, Sigma.of(2.5), 3,
                java.time.Duration.ofMillis(1500), org.salientsi.core.search.SearchMode.CERTIFIED, 1e-4));
    }

    @Test
    void aBlankValueMeansTheDefaultForTheOptionalOptions() {
        TestSpec s = TestSpec.defaults().withOption("target", "2").withOption("statistic", "ref-abs")
                .withOption("cam-layer", "f");
        TestSpec back = s.withOption("target", " ").withOption("statistic", "").withOption("cam-layer", null);
        assertThat(back).isEqualTo(TestSpec.defaults());
    }

    @Test
    void aRefusedValueNamesItsOption() {
        assertRefused(() -> TestSpec.defaults().withOption("range", "-1"), "range", "range must be a finite number");
        assertRefused(() -> TestSpec.defaults().withOption("range", "wide"), "range", "range needs a number, got 'wide'");
        assertRefused(() -> TestSpec.defaults().withOption("confidence", "1"), "confidence", "confidence must be in");
        assertRefused(() -> TestSpec.defaults().withOption("target", "-3"), "target", "target must be an output");
        assertRefused(() -> TestSpec.defaults().withOption("search-threads", "0"), "search-threads",
                "search-threads must be >= 1, got 0");
        assertRefused(() -> TestSpec.defaults().withOption("sigma", "0"), "sigma", "sigma must be a finite number > 0");
        assertRefused(() -> TestSpec.defaults().withOption("sigma", "1e-310"), "sigma",
                "is below the smallest normal double");
        assertRefused(() -> TestSpec.defaults().withOption("alternative", "sideways"), "alternative",
                "alternative: ");
        assertRefused(() -> TestSpec.defaults().withOption("termination", "soon"), "termination", "termination: ");
        assertRefused(() -> TestSpec.defaults().withOption("skipping", "sometimes"), "skipping", "skipping: ");
        assertRefused(() -> TestSpec.defaults().withOption("method", " "), "method", "method needs a value");
        assertRefused(() -> TestSpec.defaults().withOption("selector", null), "selector", "selector needs a value");
        assertRefused(() -> TestSpec.defaults().withOption("colour", "red"), "colour",
                "colour is not an option of a test; known: method, target");
    }

    @Test
    void theDefaultStatisticComparesWithAReferenceWhenThereIsOne() {
        assertThat(TestSpec.defaults().statisticName(true)).isEqualTo("ref-mean");
        assertThat(TestSpec.defaults().statisticName(false)).isEqualTo("contrast");
        assertThat(TestSpec.defaults().withStatistic("ref-abs").statisticName(false)).isEqualTo("ref-abs");
    }

    @Test
    void methodParametersJoinTheMethodOptionsWithTargetAndCamLayer() {
        TestSpec s = TestSpec.defaults().withMethodOptions(Map.of("m", "8")).withTarget(1).withCamLayer("f");
        assertThat(s.methodParameters().asMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("m", "8", "target", "1", "cam-layer", "f"));
    }

    @Test
    void onlyTheWayARegionIsChosenDecidesWhetherSelectionsAreShared() {
        TestSpec a = TestSpec.defaults().withNoise(Sigma.of(1));
        assertThat(a.withTermination(Termination.decision(0.05)).withRange(4).withNoise(Sigma.of(3))
                .withAlternative(Alternative.LESS).sameSelection(a)).isTrue();
        assertThat(a.withSelector("top-k:4").sameSelection(a)).isFalse();
        assertThat(a.withMethodOptions(Map.of("m", "4")).sameSelection(a)).isFalse();
        assertThat(a.withTarget(0).sameSelection(a)).isFalse();
        assertThat(a.withStatistic("contrast").sameSelection(a)).isFalse();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String option,
                                      String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidOptionException.class,
                e -> assertThat(e.option()).isEqualTo(option)).hasMessageContaining(message);
    }
}
