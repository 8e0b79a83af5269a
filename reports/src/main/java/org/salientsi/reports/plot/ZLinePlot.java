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
 * observed statistic {@code T} (red). On a large network the piece of {@code Z} that holds {@code T} can be a
 * thousandth of the range: {@link #zoomChart} draws it again in a window around {@code T} that holds that piece, the
 * OC piece and {@code T} ({@link #zoomWindow}), with the distance from {@code T} in units of {@code sigma_T} on the
 * axis. In both, a bar narrower than {@link #MIN_BAR_PIXELS} is widened about its midpoint to that width.
 */
public final class ZLinePlot {

    private static final Color SET = new Color(0x1f5fbf);
    private static final Color DENSITY = new Color(0xb0, 0xb0, 0xb0);
    private static final Color OC = new Color(0xf08c1a);
    private static final Color STAT = new Color(0xd62728);
    private static final Color WINDOW = new Color(0x90, 0x90, 0x90);
    private static final int SAMPLES = 600;
    /** The narrowest a bar of {@code Z} or of the OC piece is drawn, in screen pixels. */
    public static final int MIN_BAR_PIXELS = 4;
    /** The colour of {@code Z}'s bars, RGB (the browser test finds them by it). */
    public static final int SET_RGB = 0x1f5fbf;
    /** The colour of the OC piece, RGB. */
    public static final int OC_RGB = 0xf08c1a;
    /** The colour of {@code T}, RGB. */
    public static final int STAT_RGB = 0xd62728;
    /** The colour of the null density drawn over {@code Z}, RGB (lighter than the bars). */
    private static final Color DENSITY_ON_SET = new Color(0x6f, 0x9f, 0xe0);
    /** The margin of the zoom window beyond what it must show, as a fraction of that. */
    private static final double ZOOM_MARGIN = 0.3;

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
        line(chart, "density on Z", xs, inSet, DENSITY_ON_SET, 2.5f, false);

        int n = set.size();
        double[] bx = new double[Math.max(1, 3 * n)];
        double[] by = new double[bx.length];
        Arrays.fill(by, Double.NaN);
        double minWidth = MIN_BAR_PIXELS * (hi - lo + 2 * pad) / width; // a narrow interval stays visible
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
        Interval w = zoomWindow(r);
        if (w.length() < 0.5 * (hi - lo)) {
            double[] ends = visible(w.lo(), w.hi(), minWidth);
            line(chart, "zoom window", new double[] {ends[0], ends[0], ends[1], ends[1]},
                    new double[] {-0.02, -0.05, -0.05, -0.02}, WINDOW, 1.5f, false);
        }
        return chart;
    }

    /**
     * The window of the zoomed panel, in units of {@code T}: the smallest interval that holds {@code T}, the
     * piece of {@code Z} that contains it and the OC piece (each cut to the search range), widened by 30% of its
     * length on both sides (by {@code 1e-3 sigma_T} if it is a point).
     *
     * @param r a result
     * @return the window
     */
    public static Interval zoomWindow(SelectiveResult r) {
        double t = r.statistic();
        double lo = t;
        double hi = t;
        IntervalSet set = r.intervals();
        int i = set.indexOf(t);
        if (i >= 0) {
            lo = Math.min(lo, set.lower(i));
            hi = Math.max(hi, set.upper(i));
        }
        Interval oc = r.ocInterval();
        if (oc != null) {
            lo = Math.min(lo, oc.lo());
            hi = Math.max(hi, oc.hi());
        }
        Interval range = r.searchRange();
        lo = Math.max(lo, range.lo());
        hi = Math.min(hi, range.hi());
        double pad = Math.max(ZOOM_MARGIN * (hi - lo), 1e-3 * r.sigmaT());
        return Interval.of(lo - pad, hi + pad);
    }

    /**
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return a {@code data:} URI of the zoomed panel's PNG
     */
    public static String zoomDataUri(SelectiveResult r, int width, int height) {
        return Charts.dataUri(zoomChart(r, width, height));
    }

    /**
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return a {@code data:} URI of the zoomed panel's PNG without title and legend (for a table row)
     */
    public static String zoomThumbnailDataUri(SelectiveResult r, int width, int height) {
        XYChart chart = zoomChart(r, width, height);
        chart.setTitle("");
        chart.getStyler().setChartTitleVisible(false).setLegendVisible(false);
        return Charts.dataUri(chart);
    }

    /**
     * The zoomed panel: {@link #zoomWindow} around {@code T}, the axis in units of {@code sigma_T} from {@code T}
     * ({@code (z - T) / sigma_T}, so {@code T} is at 0), with the pieces of {@code Z} in the window (blue), the OC
     * piece (orange) and {@code T} (red).
     *
     * @param r a result
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @return the chart
     */
    public static XYChart zoomChart(SelectiveResult r, int width, int height) {
        double t = r.statistic();
        double sd = r.sigmaT();
        Interval w = zoomWindow(r);
        double lo = (w.lo() - t) / sd;
        double hi = (w.hi() - t) / sd;
        XYChart chart = Charts.xy(width, height, String.format(Locale.ROOT,
                "Zoom around T = %.4g: distance from T in units of sigma_T = %.4g", t, sd), "(z - T) / sigma_T", null);
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(0.0).setYAxisMax(1.0)
                .setYAxisTicksVisible(false).setYAxisTitleVisible(false).setPlotGridHorizontalLinesVisible(false)
                .setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11))
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13))
                .setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11)).setChartPadding(6).setMarkerSize(0);
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10((hi - lo) / 6)));
        chart.getStyler().setXAxisDecimalPattern(decimals == 0 ? "0" : "0." + "#".repeat(decimals));
        double minWidth = MIN_BAR_PIXELS * (hi - lo) / width;
        IntervalSet set = r.intervals().intersect(w);
        int n = set.size();
        double[] bx = new double[Math.max(1, 3 * n)];
        double[] by = new double[bx.length];
        Arrays.fill(by, Double.NaN);
        for (int i = 0; i < n; i++) {
            double[] ends = visible((set.lower(i) - t) / sd, (set.upper(i) - t) / sd, minWidth);
            bx[3 * i] = ends[0];
            by[3 * i] = 0.62;
            bx[3 * i + 1] = ends[1];
            by[3 * i + 1] = 0.62;
            bx[3 * i + 2] = ends[1];
        }
        line(chart, "Z in the window", bx, by, SET, 14f, true);
        Interval oc = r.ocInterval();
        if (oc != null) {
            double[] ends = visible((Math.max(w.lo(), oc.lo()) - t) / sd, (Math.min(w.hi(), oc.hi()) - t) / sd,
                    minWidth);
            line(chart, "OC piece", ends, new double[] {0.25, 0.25}, OC, 10f, true);
        }
        // T stops above the OC piece, which is often narrower than a few pixels and would hide under it
        line(chart, "T", new double[] {0, 0}, new double[] {0.4, 0.98}, STAT, 2f, true);
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
