package org.salientsi.validation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.salientsi.validation.summary.PValueAccumulator;
import org.salientsi.validation.summary.PValueStats;

/** PNG charts of validation studies, drawn with XChart. Stateless; every method returns PNG bytes. */
public final class Charts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 440;
    private static final int MAX_QQ_POINTS = 2000;

    private Charts() {
    }

    /**
     * A histogram of p-values in {@link PValueAccumulator#BINS} bins, with the count a uniform
     * distribution expects in each.
     *
     * @param title the chart's title
     * @param stats the p-values
     * @return PNG bytes
     */
    public static byte[] histogram(String title, PValueStats stats) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("p-value (bin start)").yAxisTitle("trials").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(90);
        long[] counts = stats.histogram();
        List<String> bins = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<Number> expected = new ArrayList<>();
        double each = stats.count() / (double) counts.length;
        for (int b = 0; b < counts.length; b++) {
            bins.add(String.format(Locale.ROOT, "%.2f", b / (double) counts.length));
            values.add(counts[b]);
            expected.add(each);
        }
        chart.addSeries("trials (n = " + stats.count() + ")", bins, values);
        CategorySeries line = chart.addSeries("uniform", bins, expected);
        line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.BLACK);
        return png(chart);
    }

    /**
     * A QQ plot of p-values against U(0, 1): the i-th smallest of n against {@code (i - 0.5) / n}.
     *
     * @param title the chart's title
     * @param kinds p-values by name (selective, OC, naive)
     * @return PNG bytes
     */
    public static byte[] qq(String title, Map<String, PValueStats> kinds) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("U(0, 1) quantile").yAxisTitle("p-value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setMarkerSize(3);
        XYSeries diagonal = chart.addSeries("uniform", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.BLACK);
        for (Map.Entry<String, PValueStats> e : kinds.entrySet()) {
            double[] p = e.getValue().sortedValues();
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
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return png(chart);
    }

    /**
     * Rejection rates against a parameter (FPR against image size, TPR against delta), one line per
     * kind of p-value with its confidence interval as error bars, and optionally a horizontal line.
     *
     * @param title the chart's title
     * @param xTitle the parameter's name
     * @param x the parameter's values
     * @param series per kind: {@code {rates, lower ends, upper ends}}, each of {@code x.length}
     * @param level a reference level drawn as a line (alpha), or NaN for none
     * @return PNG bytes
     */
    public static byte[] rates(String title, String xTitle, double[] x, Map<String, double[][]> series,
                               double level) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle("rejection rate").build();
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
        return png(chart);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }
}
