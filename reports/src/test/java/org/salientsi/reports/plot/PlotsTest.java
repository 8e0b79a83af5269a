package org.salientsi.reports.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;

class PlotsTest {

    private static BufferedImage read(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).isNotNull();
        return img;
    }

    @Test
    void theStudyPlotsArePngsOfTheStudySize() throws IOException {
        BufferedImage hist = read(Plots.histogram("selective p-values", new long[] {3, 1, 0, 2}, 6));
        Map<String, double[]> sorted = new LinkedHashMap<>();
        sorted.put("selective", new double[] {0.1, 0.4, 0.9});
        sorted.put("empty", new double[0]);
        BufferedImage qq = read(Plots.qq("p-values against U(0, 1)", sorted));
        Map<String, double[][]> rates = Map.of("naive", new double[][] {{0.5, 0.9}, {0.4, 0.8}, {0.6, 1.0}});
        BufferedImage r = read(Plots.rates("FPR", "size", new double[] {8, 16}, rates, 0.05));
        for (BufferedImage img : List.of(hist, qq, r)) {
            assertThat(img.getWidth()).isEqualTo(640);
            assertThat(img.getHeight()).isEqualTo(440);
        }
    }

    @Test
    void curvesGrowWithTheirLegendAndIntervalsWithTheirCategories() throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            series.put("method " + i, new double[] {1, 0.5, 0.1});
        }
        series.put("too short", new double[] {1});
        assertThat(read(Plots.curves("curves", "fraction", "score", series)).getHeight()).isEqualTo(60 + 22 * 21);
        List<String> labels = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        double[][] est = new double[8][];
        for (int i = 0; i < 8; i++) {
            est[i] = i == 3 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {0.5, 0.4, 0.6};
        }
        assertThat(read(Plots.intervals("alpha", "alpha", labels, Map.of("all", est))).getWidth()).isEqualTo(720);
    }

    @Test
    void aChartOfNoSizeIsRefused() {
        assertThatThrownBy(() -> Charts.xy(0, 10, "t", null, null)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("0 x 10");
    }

    @Test
    void aChartIsWhiteOutsideItsPlotInThePagesLook() throws IOException {
        BufferedImage img = read(Charts.png(Charts.xy(200, 100, null, null, null)));
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
    }
}
