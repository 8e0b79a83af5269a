package org.salientsi.reports.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
