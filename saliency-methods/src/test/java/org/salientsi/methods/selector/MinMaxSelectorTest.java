package org.salientsi.methods.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;

class MinMaxSelectorTest {

    @Test
    void selectsThePixelsWhoseMinMaxNormalisedValueReachesTheThreshold() {
        // min -2, max 6: normalised (v + 2) / 8 = 0, 0.25, 0.5, 0.625, 1, 0.375
        SaliencyMap map = new SaliencyMap(2, 3, new double[] {-2, 0, 2, 3, 6, 1}, 0, false);
        assertThat(new MinMaxSelector(0.5).select(map).pixels()).containsExactly(2, 3, 4);
        assertThat(new MinMaxSelector(0.6).select(map).pixels()).containsExactly(3, 4);
        assertThat(new MinMaxSelector(1).select(map).pixels()).containsExactly(4);
        assertThat(new MinMaxSelector(0).select(map).size()).isEqualTo(6);
        // a constant map has no range: every pixel is selected
        assertThat(new MinMaxSelector(0.9).select(new SaliencyMap(1, 3, new double[] {2, 2, 2}, 0, false)).size())
                .isEqualTo(3);
    }

    @Test
    void onEveryPieceTheSelectionEqualsPointSelectionWithArgMaxAndArgMinFixed() {
        int pieces = SelectorLines.checkRandom(new MinMaxSelector(0.6), 4, 5, 6, 61);
        assertThat(pieces).isGreaterThan(60);
    }

    @Test
    void parsesItsSpecificationAndIsFoundByServiceLoader() {
        RegionSelectorProvider p = PluginRegistry.load(RegionSelectorProvider.class, "selector").get("minmax");
        assertThat(p.create("0.25").name()).isEqualTo("minmax:0.25");
        assertThat(p.create(null).name()).isEqualTo("minmax:0.5");
        assertThatThrownBy(() -> p.create("half")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("minmax:half");
    }
}
