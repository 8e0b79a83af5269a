package org.salientsi.sanity.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.methods.blur.Border;
import org.salientsi.methods.blur.GaussianBlur;

/**
 * The sanity checks' map processing against scipy/numpy values (blur_reference.py, output committed beside it): the
 * blur with the zero border they use, percentiles; and the Sobel control map.
 */
class MapProcessingTest {

    private static double[] plane() {
        double[] p = new double[63];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.sin(0.7 * i + 0.3) * (1 + (i % 5));
        }
        return p;
    }

    private static List<String[]> reference() throws IOException {
        try (InputStream in = MapProcessingTest.class.getResourceAsStream("/org/salientsi/sanity/"
                + "blur_reference.txt")) {
            assertThat(in).isNotNull();
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim().split("\\s+"));
                }
            }
            return out;
        }
    }

    @Test
    void blurMatchesScipyGaussianFilterInConstantMode() throws IOException {
        int checked = 0;
        for (String[] r : reference()) {
            if (!"blur".equals(r[0])) {
                continue;
            }
            GaussianBlur blur = GaussianBlur.of(Double.parseDouble(r[1]), Double.parseDouble(r[2]), Border.ZERO);
            double[] expected = Arrays.stream(r, 3, r.length).mapToDouble(Double::parseDouble).toArray();
            assertThat(blur.apply(plane(), 7, 9)).as("sigma %s", r[1]).containsExactly(expected, within(1e-13));
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void percentileMatchesNumpyLinearInterpolation() throws IOException {
        int checked = 0;
        for (String[] r : reference()) {
            if ("percentile".equals(r[0])) {
                assertThat(Percentile.of(plane(), Double.parseDouble(r[1])))
                        .isCloseTo(Double.parseDouble(r[2]), within(1e-14));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5);
    }

    @Test
    void zeroSigmaIsTheIdentity() {
        assertThat(GaussianBlur.of(0, 4, Border.ZERO).apply(plane(), 7, 9)).containsExactly(plane());
    }

    @Test
    void sobelOfAVerticalStepIsLargeOnTheEdgeOnly() {
        double[] step = new double[5 * 6];
        for (int h = 0; h < 5; h++) {
            for (int w = 3; w < 6; w++) {
                step[h * 6 + w] = 1;
            }
        }
        double[] s = ControlMethods.sobel(step, 5, 6);
        // columns 2 and 3 straddle the step: |Gx| = 1 + 2 + 1 = 4; far columns are flat
        assertThat(s[2 * 6 + 2]).isEqualTo(4.0);
        assertThat(s[2 * 6 + 3]).isEqualTo(4.0);
        assertThat(s[2 * 6]).isZero();
        assertThat(s[2 * 6 + 5]).isZero();
    }
}
