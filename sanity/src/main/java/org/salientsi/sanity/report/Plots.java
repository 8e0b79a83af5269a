package org.salientsi.sanity.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots: curves and estimates with intervals (XChart), and heat maps of saliency maps (javax.imageio). */
public final class Plots {

    private Plots() {
    }

    /**
     * @param file PNG destination
     * @param title chart title
     * @param xLabel x axis
     * @param yLabel y axis
     * @param series named curves, plotted against {@code k / (n - 1)}
     * @throws IOException on write failure
     */
    public static void curves(Path file, String title, String xLabel, String yLabel, Map<String, double[]> series)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(Math.max(400, 60 + 22 * series.size())).title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            if (y.length < 2) {
                continue;
            }
            double[] x = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                x[k] = (double) k / (y.length - 1);
            }
            chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Estimates as bars, and the ends of their (possibly asymmetric) intervals as markers.
     *
     * @param file PNG destination
     * @param title chart title
     * @param yLabel y axis
     * @param labels one category per estimate
     * @param series named estimates: {@code [value, lower, upper]} per category ({@code NaN}: drawn as 0, no markers)
     * @throws IOException on write failure
     */
    public static void intervals(Path file, String title, String yLabel, List<String> labels,
                                 Map<String, double[][]> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 90 * labels.size())).height(420)
                .title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setOverlapped(true);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] v = e.getValue();
            double[] y = new double[v.length];
            double[] lo = new double[v.length];
            double[] hi = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                y[i] = Double.isNaN(v[i][0]) ? 0 : v[i][0];
                lo[i] = Double.isNaN(v[i][1]) ? y[i] : v[i][1];
                hi[i] = Double.isNaN(v[i][2]) ? y[i] : v[i][2];
            }
            chart.addSeries(e.getKey(), labels, toList(y));
            chart.addSeries(e.getKey() + ": interval low", labels, toList(lo))
                    .setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter)
                    .setMarker(SeriesMarkers.TRIANGLE_UP);
            chart.addSeries(e.getKey() + ": interval high", labels, toList(hi))
                    .setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter)
                    .setMarker(SeriesMarkers.TRIANGLE_DOWN);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Double> toList(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    /**
     * @param file PNG destination
     * @param values row-major values
     * @param height rows
     * @param width columns
     * @param heat diverging blue-white-red centred at 0 (else grey from min to max)
     * @param outline pixels to outline in green, or {@code null}
     * @param scale pixels per value
     * @throws IOException on write failure
     */
    public static void map(Path file, double[] values, int height, int width, boolean heat, boolean[] outline,
                           int scale) throws IOException {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double absMax = Math.max(Math.abs(lo), Math.abs(hi));
        BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int h = 0; h < height; h++) {
            for (int w = 0; w < width; w++) {
                double v = values[h * width + w];
                int rgb;
                if (heat) {
                    double t = absMax == 0 ? 0 : v / absMax;
                    int r = t > 0 ? 255 : (int) Math.round(255 * (1 + t));
                    int b = t < 0 ? 255 : (int) Math.round(255 * (1 - t));
                    int g = (int) Math.round(255 * (1 - Math.abs(t)));
                    rgb = (r << 16) | (g << 8) | b;
                } else {
                    int g = hi == lo ? 128 : (int) Math.round(255 * (v - lo) / (hi - lo));
                    rgb = (g << 16) | (g << 8) | g;
                }
                boolean edge = outline != null && outline[h * width + w] && (h == 0 || w == 0 || h == height - 1
                        || w == width - 1 || !outline[(h - 1) * width + w] || !outline[(h + 1) * width + w]
                        || !outline[h * width + w - 1] || !outline[h * width + w + 1]);
                for (int y = 0; y < scale; y++) {
                    for (int x = 0; x < scale; x++) {
                        boolean border = y == 0 || x == 0 || y == scale - 1 || x == scale - 1;
                        img.setRGB(w * scale + x, h * scale + y, edge && border ? 0x00c000 : rgb);
                    }
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
