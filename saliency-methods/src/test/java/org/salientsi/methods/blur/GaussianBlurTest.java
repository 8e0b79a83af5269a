package org.salientsi.methods.blur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

/**
 * The one Gaussian blur against {@code scipy.ndimage.gaussian_filter} for each border
 * ({@code src/test/python/gaussian_filter_reference.py}, output committed as {@code gaussian-filter-reference.csv}),
 * its domain and its forms.
 */
class GaussianBlurTest {

    private static double[] ramp(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(0.7 * i + 0.3) * (1 + (i % 5));
        }
        return x;
    }

    @Test
    void eachBorderEqualsScipysGaussianFilterInItsMode() throws IOException {
        Map<Border, Integer> cases = new EnumMap<>(Border.class);
        String text;
        try (InputStream in = GaussianBlurTest.class.getResourceAsStream(
                "/org/salientsi/methods/blur/gaussian-filter-reference.csv")) {
            assertThat(in).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(",");
            Border border = Border.valueOf(f[0].toUpperCase(Locale.ROOT));
            double sigma = Double.parseDouble(f[1]);
            double truncate = Double.parseDouble(f[2]);
            int h = Integer.parseInt(f[3]);
            int w = Integer.parseInt(f[4]);
            double[] img = new double[h * w];
            double[] expected = new double[h * w];
            for (int i = 0; i < h * w; i++) {
                img[i] = Double.parseDouble(f[5 + i]);
                expected[i] = Double.parseDouble(f[5 + h * w + i]);
            }
            assertThat(GaussianBlur.of(sigma, truncate, border).apply(img, h, w))
                    .as("%s sigma %s truncate %s %dx%d", border, sigma, truncate, h, w)
                    .containsExactly(expected, within(1e-13));
            cases.merge(border, 1, Integer::sum);
        }
        assertThat(cases).containsEntry(Border.REFLECT, 8).containsEntry(Border.ZERO, 8);
    }

    @Test
    void reflectKeepsAConstantMapWhileZeroLetsMassLeakAtTheEdges() {
        double[] flat = new double[6 * 5];
        Arrays.fill(flat, 3.0);
        double[] reflected = GaussianBlur.of(1.5, Border.REFLECT).apply(flat, 6, 5);
        assertThat(reflected).containsExactly(flat, within(1e-14));
        double[] zeroed = GaussianBlur.of(1.5, Border.ZERO).apply(flat, 6, 5);
        // the corner sees zeros on two sides: about 3 P(X >= 0)^2 with X ~ N(0, 1.5^2), well below 3
        assertThat(zeroed[0]).isBetween(0.9, 1.4);
        assertThat(zeroed[2 * 5 + 2]).isLessThan(3.0).isGreaterThan(zeroed[0]);
    }

    @Test
    void theKernelHasScipysRadiusAndSumsToOne() {
        GaussianBlur blur = GaussianBlur.of(1.0, 3.5, Border.ZERO);
        double[] k = blur.kernel();
        assertThat(k).hasSize(9);
        assertThat(Arrays.stream(k).sum()).isCloseTo(1.0, within(1e-15));
        assertThat(k[4] / k[5]).isCloseTo(Math.exp(0.5), within(1e-12));
        k[4] = 99;
        assertThat(blur.kernel()[4]).as("a copy").isNotEqualTo(99);
        assertThat(GaussianBlur.of(0, Border.REFLECT).kernel()).containsExactly(1.0);
        assertThat(GaussianBlur.of(0, Border.REFLECT).apply(ramp(12), 3, 4)).containsExactly(ramp(12));
    }

    @Test
    void theAllocationFreeAndPerChannelFormsEqualThePlaneForm() {
        GaussianBlur blur = GaussianBlur.of(0.8, Border.REFLECT);
        double[] x = ramp(2 * 4 * 5);
        double[] first = Arrays.copyOfRange(x, 0, 20);
        double[] second = Arrays.copyOfRange(x, 20, 40);
        double[] dst = new double[25];
        blur.apply(second, 4, 5, new double[25], dst);
        assertThat(Arrays.copyOf(dst, 20)).containsExactly(blur.apply(second, 4, 5));
        double[] both = blur.applyChannels(x, 2, 4, 5);
        assertThat(Arrays.copyOfRange(both, 0, 20)).containsExactly(blur.apply(first, 4, 5));
        assertThat(Arrays.copyOfRange(both, 20, 40)).containsExactly(blur.apply(second, 4, 5));
    }

    @Test
    void aSigmaOrTruncationOutOfItsDomainIsRefusedNamingBoth() {
        for (double sigma : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, 1000.5}) {
            assertThatThrownBy(() -> GaussianBlur.of(sigma, Border.ZERO)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("sigma").hasMessageContaining(String.valueOf(sigma));
        }
        for (double truncate : new double[] {0, -2, Double.NaN, 100.5}) {
            assertThatThrownBy(() -> GaussianBlur.of(1, truncate, Border.REFLECT))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("truncate")
                    .hasMessageContaining(String.valueOf(truncate));
        }
        assertThat(GaussianBlur.of(GaussianBlur.MAX_SIGMA, Border.REFLECT).sigma()).isEqualTo(1000.0);
    }

    @Test
    void aPlaneThatDoesNotFitItsShapeIsRefused() {
        GaussianBlur blur = GaussianBlur.of(1, Border.ZERO);
        assertThatThrownBy(() -> blur.apply(new double[11], 3, 4)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("11 values do not fit 3x4");
        assertThatThrownBy(() -> blur.applyChannels(new double[24], 3, 3, 4))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("24 values do not fit 3x3x4");
        assertThatThrownBy(() -> blur.apply(new double[0], -2, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void twoBlursAreEqualWhenSigmaTruncationAndBorderAre() {
        assertThat(GaussianBlur.of(1, Border.ZERO)).isEqualTo(GaussianBlur.of(1, 4.0, Border.ZERO))
                .hasSameHashCodeAs(GaussianBlur.of(1, 4.0, Border.ZERO))
                .isNotEqualTo(GaussianBlur.of(1, Border.REFLECT)).isNotEqualTo(GaussianBlur.of(1, 3.5, Border.ZERO));
        assertThat(GaussianBlur.of(1, Border.ZERO).toString()).contains("sigma=1.0", "ZERO");
    }
}
