package org.salientsi.reports.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.reports.picture.Pictures;

/**
 * XChart charts in the look of the report pages (white background, sans-serif fonts, no plot border) and their
 * PNG encoding, written once: every plot of SalientSI is built and encoded here.
 */
public final class Charts {

    private Charts() {
    }

    /**
     * @param width pixels
     * @param height pixels
     * @param title chart title
     * @param xTitle x axis title, or {@code null} for none
     * @param yTitle y axis title, or {@code null} for none
     * @return an empty line or scatter chart in the pages' look
     */
    public static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        checkSize(width, height);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(orEmpty(title))
                .xAxisTitle(orEmpty(xTitle)).yAxisTitle(orEmpty(yTitle)).build();
        look(chart.getStyler());
        return chart;
    }

    /**
     * @param width pixels
     * @param height pixels
     * @param title chart title
     * @param xTitle x axis title, or {@code null} for none
     * @param yTitle y axis title, or {@code null} for none
     * @return an empty bar chart in the pages' look
     */
    public static CategoryChart category(int width, int height, String title, String xTitle, String yTitle) {
        checkSize(width, height);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(orEmpty(title))
                .xAxisTitle(orEmpty(xTitle)).yAxisTitle(orEmpty(yTitle)).build();
        look(chart.getStyler());
        return chart;
    }

    /**
     * @param chart a chart
     * @return its PNG bytes
     * @throws UncheckedIOException if the encoder fails
     */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }

    /**
     * @param chart a chart
     * @return a {@code data:} URI of its PNG
     */
    public static String dataUri(Chart<?, ?> chart) {
        return Pictures.dataUri(png(chart));
    }

    /**
     * @param file PNG destination
     * @param chart a chart
     * @throws IOException on write failure
     */
    public static void write(Path file, Chart<?, ?> chart) throws IOException {
        Files.write(file, png(chart));
    }

    /** The pages' look: white around and behind the plot, no border around the plot or the legend. */
    private static void look(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE).setPlotBorderVisible(false).setLegendBorderColor(Color.WHITE);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > Pictures.MAX_SIDE || height > Pictures.MAX_SIDE) {
            throw new InvalidValueException("a chart is 1 to " + Pictures.MAX_SIDE + " pixels a side, got "
                    + width + " x " + height);
        }
    }
}
