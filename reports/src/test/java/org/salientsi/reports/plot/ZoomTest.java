package org.salientsi.reports.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.result.ConfidenceInterval;
import org.salientsi.api.result.ProbabilityBounds;
import org.salientsi.api.result.Provenance;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;

/**
 * The z-line zoomed around T: on the 64 px VGG's numbers (Z's piece 0.007 wide in a range 1.4 wide) the full
 * plot cannot show Z, the zoomed one draws it wide.
 */
class ZoomTest {

    private static SelectiveResult narrow() {
        return new SelectiveResult("x", 0.1521, 0.7585, 5.3e-17, Alternative.TWO_SIDED, 0.3249, 0.03878, 1, 1,
                Region.of(1, 1, new boolean[] {true}), IntervalSet.of(Interval.of(0.3190, 0.3260)),
                Interval.of(0.3236, 0.3254), Interval.of(-0.7127, 0.7127), 0, 214,
                new ProbabilityBounds(0.1521, 0.1521), StopReason.EXHAUSTIVE, ConfidenceInterval.UNBOUNDED, 0, 1,
                Provenance.empty());
    }

    private static int longestRun(BufferedImage img, int rgb) {
        int best = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                run = (img.getRGB(x, y) & 0xffffff) == rgb ? run + 1 : 0;
                best = Math.max(best, run);
            }
        }
        return best;
    }

    /** The chart without its legend, whose marks have the bars' colours. */
    private static BufferedImage png(org.knowm.xchart.XYChart chart) throws Exception {
        chart.getStyler().setLegendVisible(false);
        return ImageIO.read(new ByteArrayInputStream(Charts.png(chart)));
    }

    @Test
    void theWindowHoldsTheOcPieceTAndThePieceOfZAroundTWithAMargin() {
        Interval w = ZLinePlot.zoomWindow(narrow());
        double core = 0.3260 - 0.3190;
        assertThat(w.lo()).isCloseTo(0.3190 - 0.3 * core, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(w.hi()).isCloseTo(0.3260 + 0.3 * core, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void zIsDrawnWideInTheZoomAndThinInTheFullRange() throws Exception {
        BufferedImage full = png(ZLinePlot.chart(narrow(), 640, 260));
        BufferedImage zoom = png(ZLinePlot.zoomChart(narrow(), 640, 230));
        // 0.007 of 1.4 is 3 pixels of 640: the full plot widens it to the minimum of 4
        assertThat(longestRun(full, ZLinePlot.SET_RGB)).isLessThan(20);
        // 0.007 of 0.0112 fills about 60% of the zoomed plot's width
        assertThat(longestRun(zoom, ZLinePlot.SET_RGB)).isGreaterThan(300);
        assertThat(longestRun(zoom, ZLinePlot.OC_RGB)).as("the OC piece: 0.0018 of 0.0112")
                .isGreaterThan(60);
    }
}
