package org.salientsi.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;

class ParametersTest {

    @Test
    void emptyHasNoOptions() {
        assertThat(Parameters.empty().isEmpty()).isTrue();
        assertThat(Parameters.empty().asMap()).isEmpty();
        assertThat(Parameters.empty().get("target")).isEmpty();
    }

    @Test
    void ofCopiesTheMap() {
        Map<String, String> source = new HashMap<>();
        source.put("target", "3");
        Parameters p = Parameters.of(source);
        source.put("target", "4");
        source.put("cam-layer", "up1");
        assertThat(p.asMap()).containsExactly(Map.entry("target", "3"));
    }

    @Test
    void ofDropsNullValues() {
        Map<String, String> source = new HashMap<>();
        source.put("target", null);
        source.put("k", "5");
        assertThat(Parameters.of(source).asMap()).containsExactly(Map.entry("k", "5"));
    }

    @Test
    void keysAreSorted() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("zeta", "1");
        source.put("alpha", "2");
        source.put("mid", "3");
        assertThat(Parameters.of(source).with("beta", "4").asMap().keySet())
                .containsExactly("alpha", "beta", "mid", "zeta");
    }

    @Test
    void withReturnsACopyAndLeavesTheOriginal() {
        Parameters a = Parameters.empty().with("target", "3");
        Parameters b = a.with("target", "5").with("k", "2");
        assertThat(a.asMap()).containsExactly(Map.entry("target", "3"));
        assertThat(b.asMap()).containsExactly(Map.entry("k", "2"), Map.entry("target", "5"));
        assertThat(Parameters.empty().isEmpty()).isTrue();
    }

    @Test
    void withNullRemovesTheOption() {
        Parameters a = Parameters.empty().with("target", "3").with("k", "2");
        Parameters b = a.with("target", null);
        assertThat(b.get("target")).isEmpty();
        assertThat(a.get("target")).contains("3");
    }

    @Test
    void asMapIsUnmodifiable() {
        Parameters p = Parameters.empty().with("a", "1");
        assertThatThrownBy(() -> p.asMap().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void getIntParsesTrimsAndFallsBack() {
        Parameters p = Parameters.empty().with("target", " 7 ").with("neg", "-2");
        assertThat(p.getInt("target", 0)).isEqualTo(7);
        assertThat(p.getInt("neg", 0)).isEqualTo(-2);
        assertThat(p.getInt("missing", 42)).isEqualTo(42);
    }

    @Test
    void getIntRejectsNonIntegersNamingKeyAndValue() {
        Parameters p = Parameters.empty().with("target", "3.5");
        assertThatThrownBy(() -> p.getInt("target", 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("target")
                .hasMessageContaining("'3.5'");
    }

    @Test
    void getDoubleParsesTrimsAndFallsBack() {
        Parameters p = Parameters.empty().with("sigma", " 0.25 ").with("tau", "-1e-3");
        assertThat(p.getDouble("sigma", 1)).isEqualTo(0.25);
        assertThat(p.getDouble("tau", 1)).isEqualTo(-1e-3);
        assertThat(p.getDouble("missing", 1.5)).isEqualTo(1.5);
    }

    @Test
    void getDoubleRejectsTextNaNAndInfinityNamingKeyAndValue() {
        for (String bad : new String[] {"abc", "NaN", "Infinity", "-Infinity", ""}) {
            Parameters p = Parameters.empty().with("sigma", bad);
            assertThatThrownBy(() -> p.getDouble("sigma", 1)).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("sigma")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void equalityIsByContent() {
        Parameters a = Parameters.empty().with("a", "1").with("b", "2");
        Parameters b = Parameters.of(Map.of("b", "2", "a", "1"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.with("a", "9"));
        assertThat(a).hasToString("{a=1, b=2}");
    }
}
