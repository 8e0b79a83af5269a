package org.salientsi.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void significantDigitsAndDecimalsAsPrintfWritesThemInTheRootLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(Numbers.g4(0.000123456)).isEqualTo("0.0001235");
            assertThat(Numbers.g4(3.612e-5)).isEqualTo("3.612e-05");
            assertThat(Numbers.g3(1234.5)).isEqualTo("1.23e+03");
            assertThat(Numbers.fixed(0.5, 4)).isEqualTo("0.5000");
            assertThat(Numbers.f3(2.0 / 3)).isEqualTo("0.667");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void anUndefinedNumberIsADashAndAnIntervalWithoutEndsIsLeftOut() {
        assertThat(Numbers.f3(Double.NaN)).isEqualTo("-");
        assertThat(Numbers.ci(0.8, Double.NaN, Double.NaN)).isEqualTo("0.800");
        assertThat(Numbers.ci(0.8, 0.7, 0.9)).isEqualTo("0.800 [0.700, 0.900]");
    }

    @Test
    void negativeDecimalsAreRefused() {
        assertThatThrownBy(() -> Numbers.fixed(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
