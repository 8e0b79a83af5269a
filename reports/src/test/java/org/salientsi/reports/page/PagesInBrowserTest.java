package org.salientsi.reports.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.salientsi.reports.picture.Colormap;
import org.salientsi.reports.picture.Pictures;
import org.salientsi.reports.plot.ZLinePlot;

/**
 * The pages as a person sees them: each is rendered in headless Chromium and the screenshot is searched for what
 * must be visible (only with {@code -Pbrowser}; pages and screenshots stay in {@code target/browser/} to look at).
 */
@Tag("browser")
class PagesInBrowserTest {

    private static final Path OUT = Path.of("target", "browser");
    private static final int WIDTH = 1400;

    @BeforeAll
    static void folder() throws Exception {
        Files.createDirectories(OUT);
        assertThat(Chromium.BINARY).as("Debian's chromium").isExecutable();
    }

    private static BufferedImage shoot(String name, String html, int height) throws Exception {
        Path page = OUT.resolve(name + ".html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        return Chromium.screenshot(page, OUT.resolve(name + ".png"), WIDTH, height);
    }

    @Test
    void onThe64PxTestZTheOcPieceAndTAreDrawnWideEnoughToSee() throws Exception {
        BufferedImage img = shoot("test-64", TestReport.render(Fixtures.narrow64(), null), 3200);
        // Z is 0.007 wide in a range 1.4 wide: only the zoomed panel can show it this wide
        assertThat(Chromium.longestRun(img, ZLinePlot.SET_RGB, 10)).as("Z's widest bar, pixels").isGreaterThan(20);
        assertThat(Chromium.longestRun(img, ZLinePlot.OC_RGB, 10)).as("the OC piece, pixels")
                .isGreaterThanOrEqualTo(ZLinePlot.MIN_BAR_PIXELS);
        assertThat(Chromium.count(img, ZLinePlot.STAT_RGB, 10)).as("T's red line").isGreaterThan(100);
    }

    @Test
    void theMapHasAColourBarFromBlueToRedAndTheRegionAGreenContour() throws Exception {
        BufferedImage img = shoot("test-64-map", TestReport.render(Fixtures.narrow64(), null), 3200);
        int blue = Colormap.DIVERGING.colors().get(0);
        int red = Colormap.DIVERGING.colors().get(4);
        // the colour bar's ends are a few pixels of the extreme colours; the map's extremes are larger areas
        assertThat(Chromium.count(img, blue, 6)).as("dark blue pixels").isGreaterThan(20);
        assertThat(Chromium.count(img, red, 6)).as("dark red pixels").isGreaterThan(20);
        assertThat(Chromium.longestRun(img, Pictures.CONTOUR, 30)).as("the contour, pixels").isGreaterThan(12);
    }

    @Test
    void onThe16PxTestTheVerdictBoxIsGreenAndZFillsTheZoom() throws Exception {
        BufferedImage img = shoot("test-16-early", TestReport.render(Fixtures.early16(), null), 3000);
        // the verdict box of a rejection: its light green background across the page's width
        assertThat(Chromium.longestRun(img, 0xeaf6ec, 2)).as("the verdict box, pixels").isGreaterThan(600);
        assertThat(Chromium.longestRun(img, ZLinePlot.SET_RGB, 10)).as("Z's widest bar").isGreaterThan(200);
    }

    @Test
    void theBatchPageShowsItsHistogramAndQqPlotSideBySide() throws Exception {
        List<ReportEntry> entries = List.of(Fixtures.narrow64().withBhP(0.30), Fixtures.early16().withBhP(0.04),
                Fixtures.noRegion(), ReportEntry.failed("bad.npy", null, "NaN pixel"));
        BufferedImage img = shoot("batch", new BatchReport("batch").render(entries, i -> null), 2200);
        // the plots' black reference lines: the uniform count (horizontal) in the histogram, and the QQ diagonal
        int rowOfPlots = -1;
        for (int y = 0; y < img.getHeight() && rowOfPlots < 0; y++) {
            int left = 0;
            int right = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0x000000) {
                    if (x < img.getWidth() / 2) {
                        left++;
                    } else {
                        right++;
                    }
                }
            }
            rowOfPlots = left > 100 && right > 0 ? y : -1;
        }
        assertThat(rowOfPlots).as("a row with the histogram's uniform line on the left and the QQ plot on the right")
                .isPositive();
        assertThat(Chromium.longestRun(img, Pictures.CONTOUR, 30)).as("the regions' contours").isGreaterThan(8);
    }

    @Test
    void theComparisonPageShowsTheWarningFirstAndEachRowsZoomedZ() throws Exception {
        List<ComparisonRow> rows = List.of(new ComparisonRow("cam", "threshold:0", Fixtures.narrow64(), 0.3042),
                new ComparisonRow("gradcam", "top-k:20", Fixtures.early16(), 0.053),
                new ComparisonRow("gradient", "threshold:0", Fixtures.noRegion(), null));
        BufferedImage img = shoot("compare", ComparisonReport.render("comparison", rows, 0.05), 1800);
        int warningTop = -1;
        for (int y = 0; y < img.getHeight() && warningTop < 0; y++) {
            int run = 0;
            for (int x = 0; x < img.getWidth() && warningTop < 0; x++) {
                run = Chromium.near(img.getRGB(x, y), 0xfff8e1, 2) ? run + 1 : 0;
                warningTop = run > 600 ? y : -1;
            }
        }
        assertThat(warningTop).as("the warning box's top, pixels from the top").isBetween(40, 160);
        assertThat(Chromium.longestRun(img, ZLinePlot.SET_RGB, 10)).as("a zoomed Z").isGreaterThan(20);
    }
}
