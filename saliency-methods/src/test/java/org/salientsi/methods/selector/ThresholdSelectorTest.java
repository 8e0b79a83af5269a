package org.salientsi.methods.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Region;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;

class ThresholdSelectorTest {

    @Test
    void selectsThePixelsAtOrAboveTheThreshold() {
        SaliencyMap map = new SaliencyMap(2, 3, new double[] {-1, 0, 0.5, 2, -0.1, 0.25}, 0, false);
        Region r0 = new ThresholdSelector(0).select(map);
        assertThat(r0.toMask()).containsExactly(false, true, true, true, false, true);
        Region r1 = new ThresholdSelector(0.3).select(map);
        assertThat(r1.pixels()).containsExactly(2, 3);
    }

    @Test
    void isFoundByServiceLoaderAndParsesItsArgument() {
        PluginRegistry<RegionSelectorProvider> registry = PluginRegistry.load(RegionSelectorProvider.class,
                "selector");
        RegionSelector s = registry.get("threshold").create("0.5");
        assertThat(s.name()).isEqualTo("threshold:0.5");
        assertThat(registry.get("threshold").create(null).name()).isEqualTo("threshold:0");
        assertThat(registry.get("THRESHOLD").create("-2").name()).isEqualTo("threshold:-2");
        assertThatThrownBy(() -> registry.get("threshold").create("abc"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("threshold:abc");
        assertThatThrownBy(() -> new ThresholdSelector(Double.NaN)).isInstanceOf(InvalidInputException.class);
    }
}
