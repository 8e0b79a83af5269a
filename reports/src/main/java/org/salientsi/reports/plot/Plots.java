package org.salientsi.reports.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of the study and sanity pages, from plain numbers (XChart, PNG bytes): p-value histograms against the
 * uniform count, QQ plots against U(0, 1), rates with error bars against a parameter, curves, and estimates with
 * their intervals. Stateless.
 */
public final class Plots {

    /** The size of a study plot, pixels. */
    private static final int WIDTH = 640;
    private static final int HEIGHT = 440;
    /** At most this many points of a QQ plot are drawn per series (a regular subsample of the sorted values). */
    public static final int MAX_QQ_POINTS = 2000;

    private Plots() {
    }

    /**
     * A histogram of p-values in equal bins over [0, 1], with the count a uniform distribution expects in each.
     *
     * @param title the chart's title
     * @param counts the count in each bin, bins in order
     * @param total the number of p-values (the uniform count per bin is {@code total / counts.length})
     * @return PNG bytes
     */
    public static byte[] histogram(String title, long[] counts, long total) {
        CategoryChart chart = Charts.category(WIDTH, HEIGHT, title, "p-value (bin start)", "trials");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(90);
        List<String> bins = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<Number> expected = new ArrayList<>();
        double each = total / (double) counts.length;
        for (int b = 0; b < counts.length; b++) {
            bins.add(String.format(Locale.ROOT, "%.2f", b / (double) counts.length));
            values.add(counts[b]);
            expected.add(each);
        }
        chart.addSeries("trials (n = " + total + ")", bins, values);
        CategorySeries line = chart.addSeries("uniform", bins, expected);
        line.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.BLACK);
        return Charts.png(chart);
    }

    /**
     * A QQ plot of p-values against U(0, 1): the i-th smallest of n against {@code (i - 0.5) / n}.
     *
     * @param title the chart's title
     * @param sorted p-values by name (selective, OC, naive), each sorted ascending
     * @return PNG bytes
     */
    public static byte[] qq(String title, Map<String, double[]> sorted) {
        XYChart chart = Charts.xy(WIDTH, HEIGHT, title, "U(0, 1) quantile", "p-value");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(6);
        XYSeries diagonal = chart.addSeries("uniform", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.BLACK);
        for (Map.Entry<String, double[]> e : sorted.entrySet()) {
            double[] p = e.getValue();
            if (p.length == 0) {
                continue;
            }
            int step = Math.max(1, p.length / MAX_QQ_POINTS);
            int m = (p.length + step - 1) / step;
            double[] x = new double[m];
            double[] y = new double[m];
            for (int k = 0; k < m; k++) {
                int i = k * step;
                x[k] = (i + 0.5) / p.length;
                y[k] = p[i];
            }
            chart.addSeries(e.getKey(), x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return Charts.png(chart);
    }

    /**
     * Rejection rates against a parameter (FPR against image size, TPR against delta), one line per kind of p-value
     * with its confidence interval as error bars, and optionally a horizontal line.
     *
     * @param title the chart's title
     * @param xTitle the parameter's name
     * @param x the parameter's values
     * @param series per kind: {@code {rates, lower ends, upper ends}}, each of {@code x.length}
     * @param level a reference level drawn as a dashed line (alpha), or NaN for none
     * @return PNG bytes
     */
    public static byte[] rates(String title, String xTitle, double[] x, Map<String, double[][]> series,
                               double level) {
        XYChart chart = Charts.xy(WIDTH, HEIGHT, title, xTitle, "rejection rate");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] rate = e.getValue()[0];
            double[] err = new double[rate.length];
            for (int i = 0; i < rate.length; i++) {
                err[i] = Math.max(rate[i] - e.getValue()[1][i], e.getValue()[2][i] - rate[i]);
            }
            chart.addSeries(e.getKey(), x, rate, err);
        }
        if (!Double.isNaN(level) && x.length > 0) {
            XYSeries line = chart.addSeries(String.format(Locale.ROOT, "alpha = %s", level),
                    new double[] {x[0], x[x.length - 1]}, new double[] {level, level});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        return Charts.png(chart);
    }

    /**
     * Curves against the fraction of their steps: the k-th of n values is drawn at {@code k / (n - 1)}; a curve of
     * fewer than two values is left out.
     *
     * @param title chart title
     * @param xLabel x axis
     * @param yLabel y axis
     * @param series named curves
     * @return PNG bytes
     */
    public static byte[] curves(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        XYChart chart = Charts.xy(720, Math.max(400, 60 + 22 * series.size()), title, xLabel, yLabel);
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
        return Charts.png(chart);
    }

    /**
     * Estimates as bars, and the ends of their (possibly asymmetric) intervals as markers.
     *
     * @param title chart title
     * @param yLabel y axis
     * @param labels one category per estimate
     * @param series named estimates: {@code [value, lower, upper]} per category ({@code NaN}: drawn as 0, no markers)
     * @return PNG bytes
     */
    public static byte[] intervals(String title, String yLabel, List<String> labels, Map<String, double[][]> series) {
        CategoryChart chart = Charts.category(Math.max(640, 90 * labels.size()), 420, title, null, yLabel);
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
            chart.addSeries(e.getKey(), labels, boxed(y));
            chart.addSeries(e.getKey() + ": interval low", labels, boxed(lo))
                    .setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter)
                    .setMarker(SeriesMarkers.TRIANGLE_UP);
            chart.addSeries(e.getKey() + ": interval high", labels, boxed(hi))
                    .setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter)
                    .setMarker(SeriesMarkers.TRIANGLE_DOWN);
        }
        return Charts.png(chart);
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
