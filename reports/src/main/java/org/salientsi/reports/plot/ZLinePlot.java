package org.salientsi.reports.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.SelectiveResult;

/**
 * The truncation set of a test drawn on the z-line (XChart, rendered to PNG): the line {@code Y(z)}
 * through the data along the test direction, in units of {@code T}, over the search range
 * {@code [z_min, z_max]} (black end ticks); the set {@code Z} on which the selection equals the
 * observed one (thick blue bars on the axis, and the null density {@code N(0, sigma_T^2)} drawn blue
 * over it, grey elsewhere); the single linear piece the over-conditioned p-value uses (orange); and the
 * observed statistic {@code T} (red).
 */
public final class ZLinePlot {

    private static final Color SET = new Color(0x1f, 0x5f, 0xbf);
    private static final Color DENSITY = new Color(0xb0, 0xb0, 0xb0);
    private static final Color OC = new Color(0xf0, 0x8c, 0x1a);
    private static final Color STAT = new Color(0xd6, 0x27, 0x28);
    private static final int SAMPLES = 600;

    private ZLinePlot() {
    }

    /**
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return the PNG bytes
     */
    public static byte[] png(SelectiveResult r, int width, int height) {
        return Charts.png(chart(r, width, height));
    }

    /**
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return a {@code data:} URI of the PNG
     */
    public static String dataUri(SelectiveResult r, int width, int height) {
        return Charts.dataUri(chart(r, width, height));
    }

    /**
     * A small version for a table row: no title, no legend, no axis title.
     *
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return a {@code data:} URI of the PNG
     */
    public static String thumbnailDataUri(SelectiveResult r, int width, int height) {
        XYChart chart = chart(r, width, height);
        chart.setTitle("");
        chart.setXAxisTitle("");
        chart.getStyler().setXAxisTitleVisible(false);
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setLegendVisible(false);
        return Charts.dataUri(chart);
    }

    /**
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return the chart
     */
    public static XYChart chart(SelectiveResult r, int width, int height) {
        Interval range = r.searchRange();
        double lo = range.lo();
        double hi = range.hi();
        double pad = 0.02 * (hi - lo);
        XYChart chart = Charts.xy(width, height, "Truncation set on the z-line (units of T)", "z", null);
        Styler s = chart.getStyler();
        chart.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad).setYAxisMin(-0.34).setYAxisMax(1.08)
                .setYAxisTicksVisible(false).setYAxisTitleVisible(false).setPlotGridHorizontalLinesVisible(false)
                .setPlotGridVerticalLinesVisible(false)
                .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setChartBackgroundColor(Color.WHITE).setPlotBorderVisible(false)
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal).setLegendBorderColor(Color.WHITE)
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13))
                .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11)).setChartPadding(6);
        s.setMarkerSize(0);

        double sd = r.sigmaT();
        double[] xs = new double[SAMPLES + 1];
        double[] all = new double[SAMPLES + 1];
        double[] inSet = new double[SAMPLES + 1];
        IntervalSet set = r.intervals();
        for (int i = 0; i <= SAMPLES; i++) {
            double z = lo + (hi - lo) * i / SAMPLES;
            xs[i] = z;
            all[i] = Math.exp(-0.5 * (z / sd) * (z / sd));
            inSet[i] = set.contains(z) ? all[i] : Double.NaN;
        }
        line(chart, "null density", xs, all, DENSITY, 1.5f, true);
        line(chart, "density on Z", xs, inSet, SET, 2.5f, false);

        int n = set.size();
        double[] bx = new double[Math.max(1, 3 * n)];
        double[] by = new double[bx.length];
        Arrays.fill(by, Double.NaN);
        double minWidth = 2 * (hi - lo + 2 * pad) / width; // about two pixels: a narrow interval stays visible
        for (int i = 0; i < n; i++) {
            double[] ends = visible(Math.max(lo, set.lower(i)), Math.min(hi, set.upper(i)), minWidth);
            bx[3 * i] = ends[0];
            by[3 * i] = -0.12;
            bx[3 * i + 1] = ends[1];
            by[3 * i + 1] = -0.12;
            bx[3 * i + 2] = ends[1];
        }
        line(chart, "Z (" + n + (n == 1 ? " interval)" : " intervals)"), bx, by, SET, 9f, true);
        Interval oc = r.ocInterval();
        if (oc != null) {
            double[] ends = visible(Math.max(lo, oc.lo()), Math.min(hi, oc.hi()), minWidth);
            line(chart, "OC piece", ends, new double[] {-0.25, -0.25}, OC, 5f, true);
        }
        double t = r.statistic();
        line(chart, String.format(Locale.ROOT, "T = %.4g", t), new double[] {t, t}, new double[] {-0.32, 1.05},
                STAT, 2f, true);
        line(chart, "search range",
                new double[] {lo, lo, Double.NaN, hi, hi}, new double[] {-0.32, 0.25, Double.NaN, -0.32, 0.25},
                Color.BLACK, 1.5f, true);
        return chart;
    }

    /** Widens a segment narrower than {@code minWidth} about its midpoint, so that it stays visible. */
    private static double[] visible(double a, double b, double minWidth) {
        if (b - a >= minWidth) {
            return new double[] {a, b};
        }
        double mid = 0.5 * (a + b);
        return new double[] {mid - minWidth / 2, mid + minWidth / 2};
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color, float width,
                             boolean legend) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        series.setShowInLegend(legend);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
}
