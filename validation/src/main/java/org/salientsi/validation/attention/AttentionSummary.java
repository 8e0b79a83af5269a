package org.salientsi.validation.attention;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.salientsi.validation.summary.ClopperPearson;

/**
 * The figures of a null study of certified bounds ({@link AttentionStudy}): for the upper bound (the valid
 * p-value), the lower bound and the midpoint, the rejection rate at {@code alpha} with its 95% Clopper-Pearson
 * interval and the KS test's p-value against U(0, 1); the mean time per test and bound width; and, with a grid,
 * how often the grid missed a change the certificate found and how often its p-value fell outside the bounds.
 *
 * @param trials the trials
 * @param alpha the level the rejection rates count at
 */
public record AttentionSummary(List<AttentionStudy.Trial> trials, double alpha) {

    /** One p-value column's figures. */
    public record Column(String name, long rejections, double rate, double ciLow, double ciHigh, double ksP) {
    }

    /**
     * @param name the column's name
     * @param p the p-value of a trial
     * @return its figures
     */
    public Column column(String name, ToDoubleFunction<AttentionStudy.Trial> p) {
        double[] v = trials.stream().mapToDouble(p).toArray();
        long r = java.util.Arrays.stream(v).filter(x -> x <= alpha).count();
        double[] ci = ClopperPearson.interval(r, v.length, 0.95);
        double ks = v.length < 2 ? Double.NaN
                : new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), v);
        return new Column(name, r, r / (double) v.length, ci[0], ci[1], ks);
    }

    /** @return the upper bound's figures */
    public Column upper() {
        return column("hi", AttentionStudy.Trial::upper);
    }

    /** @return the lower bound's figures */
    public Column lower() {
        return column("lo", AttentionStudy.Trial::lower);
    }

    /** @return the midpoint's figures */
    public Column midpoint() {
        return column("mid", AttentionStudy.Trial::midpoint);
    }

    /** @return the grid p-value's figures (NaN rates without a grid) */
    public Column grid() {
        return column("grid", AttentionStudy.Trial::gridP);
    }

    /** @return mean wall time of a certified test, milliseconds */
    public double msPerTest() {
        return 1000 * trials.stream().mapToDouble(AttentionStudy.Trial::seconds).average().orElse(Double.NaN);
    }

    /** @return mean wall time of a grid test, milliseconds */
    public double gridMsPerTest() {
        return 1000 * trials.stream().mapToDouble(AttentionStudy.Trial::gridSeconds).average().orElse(Double.NaN);
    }

    /** @return mean width {@code hi - lo} of the bounds */
    public double meanWidth() {
        return trials.stream().mapToDouble(t -> t.upper() - t.lower()).average().orElse(Double.NaN);
    }

    /** @return trials whose search stopped at the time limit */
    public long timedOut() {
        return trials.stream().filter(t -> t.ended().equals("time_limit")).count();
    }

    /** @return trials in which the grid missed a change the certificate found */
    public long gridMissedTrials() {
        return trials.stream().filter(t -> t.misses() != null && t.misses().any()).count();
    }

    /** @return grid cells (over all trials) the certificate proves wrong in part */
    public long gridMissedCells() {
        return trials.stream().filter(t -> t.misses() != null)
                .mapToLong(t -> t.misses().missedIn() + t.misses().missedOut()).sum();
    }

    /** @return trials whose grid p-value lies outside the certified bounds */
    public long gridOutsideBounds() {
        return trials.stream().filter(t -> t.misses() != null && t.misses().outsideBounds()).count();
    }

    /** @return the markdown header of {@link #row} */
    public static String header() {
        return "| ViT | trials | p | rate at 0.05 [95% CP] | KS p | ms/test |\n|---|---|---|---|---|---|";
    }

    /**
     * @param label the model's label
     * @return rows for hi, lo, mid (and the grid when present)
     */
    public String rows(String label) {
        StringBuilder sb = new StringBuilder();
        boolean withGrid = trials.stream().anyMatch(t -> t.misses() != null);
        for (Column c : withGrid ? List.of(upper(), lower(), midpoint(), grid()) : List.of(upper(), lower(),
                midpoint())) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.4f [%.4f, %.4f] | %.3f | %.0f |%n", label,
                    trials.size(), c.name(), c.rate(), c.ciLow(), c.ciHigh(), c.ksP(),
                    c.name().equals("grid") ? gridMsPerTest() : msPerTest()));
        }
        return sb.toString();
    }

    /**
     * @param label the model's label
     * @return one line on the bounds' width and the grid's misses
     */
    public String notes(String label) {
        return String.format(Locale.ROOT, "%s: mean width hi - lo %.4f, %d of %d searches at the time limit; grid "
                        + "missed a certified change in %d trials (%d cells), grid p outside [lo, hi] in %d", label,
                meanWidth(), timedOut(), trials.size(), gridMissedTrials(), gridMissedCells(), gridOutsideBounds());
    }
}
