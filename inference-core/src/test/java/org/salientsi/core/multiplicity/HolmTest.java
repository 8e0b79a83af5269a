package org.salientsi.core.multiplicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/** Holm's adjusted p-values against R's {@code p.adjust(p, "holm")}. */
class HolmTest {

    @Test
    void equalsRsPAdjust() {
        // R 4.3: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
        // p.adjust(c(0.2, 0.01, 0.6), "holm") = 0.4 0.03 0.6
        assertThat(Holm.adjust(new double[] {0.2, 0.01, 0.6}))
                .containsExactly(new double[] {0.4, 0.03, 0.6}, within(1e-15));
    }

    @Test
    void capsAtOneAndKeepsEdgeCases() {
        assertThat(Holm.adjust(new double[] {0.5, 0.6})).containsExactly(1, 1);
        assertThat(Holm.adjust(new double[] {0.3})).containsExactly(0.3);
        assertThat(Holm.adjust(new double[0])).isEmpty();
        assertThatThrownBy(() -> Holm.adjust(new double[] {Double.NaN})).isInstanceOf(InvalidValueException.class);
    }
}
