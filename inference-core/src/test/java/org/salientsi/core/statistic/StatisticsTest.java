package org.salientsi.core.statistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.salientsi.api.error.EmptyRegionException;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.image.Region;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.LinearConstraints;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.TestStatisticProvider;

/** The built-in statistics' directions against the formulas of DESIGN.md section 2, worked out by hand. */
class StatisticsTest {

    // a 1x2 image with 2 channels: pixel 0 = (1, 2), pixel 1 = (3, -4); reference all 0.5
    private static final ImageShape SHAPE = ImageShape.of(1, 2, 2);
    private static final Image X = Image.of(SHAPE, new double[] {1, 2, 3, -4});
    private static final Image R = Image.of(SHAPE, new double[] {0.5, 0.5, 0.5, 0.5});
    private static final Region SECOND = Region.of(1, 2, new boolean[] {false, true});

    @Test
    void refMeanTakesEveryChannelOfASelectedPixelAndCountsPixelChannels() {
        Contrast c = new ReferenceMeanStatistic().contrast(SECOND, Observation.of(X, R));
        assertThat(c.eta()).containsExactly(0, 0, 0.5, 0.5, 0, 0, -0.5, -0.5);
        assertThat(c.constraints().count()).isZero();
        // T = mean over the region's values of X - R = ((3 - 0.5) + (-4 - 0.5)) / 2 = -1
        double t = 0;
        double[] y = Observation.of(X, R).stacked();
        for (int i = 0; i < y.length; i++) {
            t += c.eta()[i] * y[i];
        }
        assertThat(t).isCloseTo(-1, within(1e-15));
    }

    @Test
    void refAbsUsesTheSignsOfTheDifferenceAndMakesThemConstraints() {
        Contrast c = new ReferenceAbsStatistic().contrast(SECOND, Observation.of(X, R));
        // signs on the region: 3 - 0.5 > 0, -4 - 0.5 < 0
        assertThat(c.eta()).containsExactly(0, 0, 0.5, -0.5, 0, 0, -0.5, 0.5);
        LinearConstraints g = c.constraints();
        assertThat(g.count()).isEqualTo(2);
        double[] y = Observation.of(X, R).stacked();
        assertThat(g.dot(0, y)).isCloseTo(2.5, within(1e-15));
        assertThat(g.dot(1, y)).isCloseTo(4.5, within(1e-15));
    }

    @Test
    void contrastComparesRegionAndBackgroundWithoutReference() {
        Contrast c = new InImageContrastStatistic().contrast(SECOND, Observation.of(X));
        assertThat(c.eta()).containsExactly(-0.5, -0.5, 0.5, 0.5);
        Region all = Region.of(1, 2, new boolean[] {true, true});
        assertThatThrownBy(() -> new InImageContrastStatistic().contrast(all, Observation.of(X)))
                .isInstanceOf(EmptyRegionException.class).hasMessageContaining("whole image");
    }

    @Test
    void referenceStatisticsRefuseDataWithoutReference() {
        assertThatThrownBy(() -> new ReferenceMeanStatistic().contrast(SECOND, Observation.of(X)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reference");
        assertThatThrownBy(() -> new ReferenceAbsStatistic().contrast(SECOND, Observation.of(X)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reference");
    }

    @Test
    void theStatisticsAreFoundByServiceLoader() {
        PluginRegistry<TestStatisticProvider> reg = PluginRegistry.load(TestStatisticProvider.class, "statistic");
        assertThat(reg.names()).containsExactly("ref-mean", "ref-abs", "contrast", "ref-chi", "ref-chi-channels");
        assertThat(reg.defaultProvider().name()).isEqualTo("ref-mean");
    }
}
