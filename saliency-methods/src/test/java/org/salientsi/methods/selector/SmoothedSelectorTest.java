package org.salientsi.methods.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.UnknownPluginException;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;

/**
 * The smoothing prefix: the blur against numpy reference values
 * ({@code src/test/python/gaussian_blur_reference.py}), the composition with the inner selector, and its
 * decisions on a piece.
 */
class SmoothedSelectorTest {

    @Test
    void theBlurEqualsTheNumpyReferenceOfScipysGaussianFilter() throws IOException {
        int cases = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SmoothedSelectorTest.class.getResourceAsStream(
                        "/org/salientsi/methods/selector/gaussian-blur-reference.csv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                double sigma = Double.parseDouble(f[0]);
                int h = Integer.parseInt(f[1]);
                int w = Integer.parseInt(f[2]);
                double[] img = new double[h * w];
                double[] expected = new double[h * w];
                for (int i = 0; i < h * w; i++) {
                    img[i] = Double.parseDouble(f[3 + i]);
                    expected[i] = Double.parseDouble(f[3 + h * w + i]);
                }
                SaliencyMap blurred = new SmoothedSelector(sigma, new ThresholdSelector(0))
                        .blurred(new SaliencyMap(h, w, img, 0, false));
                for (int i = 0; i < h * w; i++) {
                    assertThat(blurred.values()[i]).as("sigma %s pixel %d", sigma, i).isCloseTo(expected[i],
                            within(1e-13));
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(5);
    }

    @Test
    void selectsWithTheInnerSelectorOnTheBlurredMap() {
        // a lone spike is spread out: after blurring its neighbours exceed a threshold it alone exceeded
        double[] v = new double[25];
        v[12] = 10;
        SaliencyMap map = new SaliencyMap(5, 5, v, 0, false);
        // blurred with S = 1: centre 10 w0^2 = 1.59, edge neighbours 10 w0 w1 = 0.965, diagonal 10 w1^2 = 0.59
        assertThat(new ThresholdSelector(0.9).select(map).pixels()).containsExactly(12);
        SmoothedSelector s = new SmoothedSelector(1.0, new ThresholdSelector(0.9));
        assertThat(s.select(map).pixels()).containsExactly(7, 11, 12, 13, 17);
        assertThat(s.name()).isEqualTo("smooth:1+threshold:0.9");
    }

    @Test
    void onEveryPieceTheSelectionEqualsPointSelection() {
        int pieces = SelectorLines.checkRandom(new SmoothedSelector(0.8, TopKSelector.of(4)), 4, 5, 4, 81);
        pieces += SelectorLines.checkRandom(new SmoothedSelector(1.5, new MinMaxSelector(0.5)), 5, 4, 4, 82);
        assertThat(pieces).isGreaterThan(40);
    }

    @Test
    void theSpecificationNamesTheWidthAndTheInnerSelector() {
        RegionSelectorProvider p = PluginRegistry.load(RegionSelectorProvider.class, "selector").get("smooth");
        RegionSelector s = p.create("1.5+top-k:10");
        assertThat(s.name()).isEqualTo("smooth:1.5+top-k:10");
        assertThat(p.create("2+percentile:90").name()).isEqualTo("smooth:2+percentile:90");
        assertThatThrownBy(() -> p.create("1.5")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("smooth:1.5+threshold:0");
        assertThatThrownBy(() -> p.create("-1+threshold:0")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("standard deviation");
        assertThatThrownBy(() -> p.create("1+nope:2")).isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("nope");
    }
}
