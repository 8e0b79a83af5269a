package org.salientsi.methods.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;

class TopKSelectorTest {

    @Test
    void selectsTheKLargestValuesWithTiesToTheLowerIndex() {
        SaliencyMap map = new SaliencyMap(2, 4, new double[] {1, 5, 3, 5, 0, 3, 3, -1}, 0, false);
        assertThat(TopKSelector.of(1).select(map).pixels()).containsExactly(1);
        assertThat(TopKSelector.of(2).select(map).pixels()).containsExactly(1, 3);
        assertThat(TopKSelector.of(3).select(map).pixels()).containsExactly(1, 2, 3);
        assertThat(TopKSelector.of(4).select(map).pixels()).containsExactly(1, 2, 3, 5);
        assertThat(TopKSelector.of(8).select(map).size()).isEqualTo(8);
        assertThatThrownBy(() -> TopKSelector.of(9).select(map)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("top-k:9");
    }

    @Test
    void aPercentileTakesTheTopCeilingOfNTimesItsComplement() {
        assertThat(TopKSelector.percentile(75).count(64)).isEqualTo(16);
        assertThat(TopKSelector.percentile(90).count(64)).isEqualTo(7);
        assertThat(TopKSelector.percentile(99.5).count(200)).isEqualTo(1);
        assertThat(TopKSelector.percentile(0).count(10)).isEqualTo(10);
        assertThat(TopKSelector.percentile(95).count(64)).isEqualTo(4);
        assertThat(TopKSelector.percentile(99.9).count(64)).isEqualTo(1);
        assertThatThrownBy(() -> TopKSelector.percentile(100)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void onEveryPieceTheSelectionEqualsPointSelectionWithTheKthPixelFixed() {
        int pieces = SelectorLines.checkRandom(TopKSelector.of(5), 4, 5, 5, 71);
        pieces += SelectorLines.checkRandom(TopKSelector.percentile(80), 5, 5, 5, 72);
        pieces += SelectorLines.checkRandom(TopKSelector.of(1), 3, 3, 5, 73);
        assertThat(pieces).isGreaterThan(100);
    }

    @Test
    void linesThatCrossABlockOfTiedZerosAtAPieceStartAreRankedAsJustRightOfIt() {
        // three positive constants, a block of exact zeros (as gradient maps have), then lines that cross
        // zero: each piece starts at such a root, where the crossing line's value at z is zero up to
        // rounding, so the sort at z may put it anywhere in the block
        int n = 40;
        double[] p = new double[n];
        double[] q = new double[n];
        p[0] = 3;
        p[1] = 2;
        p[2] = 1;
        double[][] crossing = {{-0.3, 0.7}, {-1.1, 0.3}, {-0.1, 0.9}, {-2.3, 1.7}, {-0.7, 0.11}, {-1.3, 0.37},
            {0.4, -0.3}, {1.9, -0.7}};
        for (int k = 0; k < crossing.length; k++) {
            p[n - 1 - k] = crossing[k][0];
            q[n - 1 - k] = crossing[k][1];
        }
        int pieces = 0;
        for (int k = 1; k <= 6; k++) {
            pieces += SelectorLines.check(TopKSelector.of(k), 5, 8, p, q, -4, 8, new java.util.SplittableRandom(k));
        }
        assertThat(pieces).isGreaterThan(20);
    }

    @Test
    void parsesItsSpecificationsAndIsFoundByServiceLoader() {
        PluginRegistry<RegionSelectorProvider> r = PluginRegistry.load(RegionSelectorProvider.class, "selector");
        assertThat(r.get("top-k").create("12").name()).isEqualTo("top-k:12");
        assertThat(r.get("percentile").create("90").name()).isEqualTo("percentile:90");
        assertThatThrownBy(() -> r.get("top-k").create("2.5")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("top-k:2.5");
        assertThatThrownBy(() -> r.get("top-k").create(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> r.get("top-k").create("0")).isInstanceOf(InvalidInputException.class);
    }
}
