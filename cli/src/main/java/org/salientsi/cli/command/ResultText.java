package org.salientsi.cli.command;

import java.io.PrintWriter;
import java.util.Locale;
import org.salientsi.api.result.CertifiedBounds;
import org.salientsi.api.result.MapValues;
import org.salientsi.api.result.Outcome;
import org.salientsi.api.result.ComponentResult;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.api.result.StopReason;

/** The human-readable form of a result. */
final class ResultText {

    private ResultText() {
    }

    static void print(SelectiveResult r, PrintWriter out) {
        int pixels = r.region().height() * r.region().width();
        line(out, "image", (r.image() == null ? "-" : r.image()) + " (" + r.region().height() + "x"
                + r.region().width() + ")");
        line(out, "region", r.regionSize() + " of " + pixels + " pixels (" + r.provenance().selector() + " on "
                + r.provenance().method() + ", target " + r.target() + ")");
        if (!r.tested()) {
            line(out, "outcome", r.outcome().label() + ": " + (r.outcome() == Outcome.NO_REGION
                    ? "the selector selected no pixel" : "the region leaves no background to compare it with")
                    + "; nothing to test, no p-value");
            line(out, "map", String.format(Locale.ROOT, "from %.4g to %.4g (--json prints it)", min(r.map()),
                    max(r.map())));
            line(out, "time", String.format(Locale.ROOT, "%.3f s", r.seconds()));
            return;
        }
        line(out, "statistic", String.format(Locale.ROOT, "T = %.6g, sigma_T = %.6g (%s, %s)", r.statistic(),
                r.sigmaT(), r.provenance().statistic(), r.alternative().label()));
        if (r.degreesOfFreedom() != null) {
            line(out, "distribution", "T / sigma_T ~ chi_" + r.degreesOfFreedom() + " truncated to the selection");
        }
        if (r.sigmaDf() != null) {
            line(out, "sigma", String.format(Locale.ROOT, "%.6g, %s from %s (%.0f degrees of freedom)",
                    r.provenance().sigma(), r.sigmaSource(), r.provenance().options().get("noise_from"), r.sigmaDf()));
        }
        if (r.certified() != null) {
            CertifiedBounds c = r.certified();
            line(out, "selective p", String.format(Locale.ROOT, "p in [%.6g, %.6g] (certified; the upper end is the "
                    + "p-value, midpoint %.6g)", c.pLower(), c.pUpper(), c.pMidpoint()));
            line(out, "segments", String.format(Locale.ROOT, "%d in, %d out, %d undecided (width %.3g, limit %.3g); "
                    + "%d evaluated, ended: %s", c.segmentsIn(), c.segmentsOut(), c.segmentsUndecided(),
                    c.undecidedWidth(), c.widthLimit(), r.pieces(), c.ended()));
        } else {
            String how = r.stopReason() == StopReason.EXHAUSTIVE
                    ? "exact, " + r.pieces() + " linear pieces"
                    : String.format(Locale.ROOT, "bounds [%.4g, %.4g], stopped early (%s), %d pieces",
                            r.pBounds().lower(), r.pBounds().upper(), r.stopReason().label(), r.pieces());
            line(out, "selective p", String.format(Locale.ROOT, "%.6g   (%s)", r.selectiveP(), how));
            line(out, "OC p", String.format(Locale.ROOT, "%.6g   (conditioned on the single linear piece)", r.ocP()));
        }
        line(out, "naive p", String.format(Locale.ROOT, "%.6g   (ignores the selection; not valid)", r.naiveP()));
        if (r.ciLevel() > 0 && r.degreesOfFreedom() == null && r.certified() != null) {
            line(out, String.format(Locale.ROOT, "%.0f%% CI", 100 * r.ciLevel()), "none (the certified search bounds "
                    + "the p-value only)");
        } else if (r.ciLevel() > 0 && r.degreesOfFreedom() == null) {
            Double[] ci = r.ci().toArray();
            line(out, String.format(Locale.ROOT, "%.0f%% CI", 100 * r.ciLevel()), "[" + end(ci[0], "-inf") + ", "
                    + end(ci[1], "+inf") + "] for the contrast eta^T mu");
        }
        String set = r.certified() != null ? "certified in" : "truncation set";
        line(out, set, r.intervals().size() + " interval(s) in ["
                + String.format(Locale.ROOT, "%.4g, %.4g", r.searchRange().lo(), r.searchRange().hi())
                + String.format(Locale.ROOT, "], null mass outside %.2g", r.massOutside()));
        line(out, "time", String.format(Locale.ROOT, "%.3f s", r.seconds()));
    }

    /** The per-component lines: one row per component, with the adjustment named. */
    static void printComponents(ComponentTests parts, PrintWriter out) {
        long tested = parts.components().stream().filter(ComponentResult::tested).count();
        line(out, "components", parts.components().size() + " (" + parts.connectivity() + "-connected, "
                + tested + " tested, min size " + parts.minComponentSize() + ")"
                + (parts.fdrMethod() == null ? "" : "; fdr_p: " + parts.fdrMethod() + ", " + parts.fdrNote()));
        if (parts.components().isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "  %4s %6s %-17s %10s %12s %12s %12s%n", "#", "pixels", "rows,cols", "T",
                "selective p", "p upper", "fdr p");
        for (ComponentResult c : parts.components()) {
            int[] b = c.boundingBox();
            String box = String.format(Locale.ROOT, "%d-%d,%d-%d", b[0], b[2], b[1], b[3]);
            if (!c.tested()) {
                out.printf(Locale.ROOT, "  %4d %6d %-17s too small, not tested%n", c.index(), c.size(), box);
                continue;
            }
            out.printf(Locale.ROOT, "  %4d %6d %-17s %10.4g %12.4g %12.4g %12s%n", c.index(), c.size(), box,
                    c.statistic(), c.selectiveP(), c.pBounds().upper(),
                    c.fdrP() == null ? "-" : String.format(Locale.ROOT, "%.4g", c.fdrP()));
        }
    }

    private static double min(MapValues map) {
        return java.util.Arrays.stream(map.values()).min().orElse(Double.NaN);
    }

    private static double max(MapValues map) {
        return java.util.Arrays.stream(map.values()).max().orElse(Double.NaN);
    }

    private static String end(Double v, String unbounded) {
        return v == null ? unbounded : String.format(Locale.ROOT, "%.4g", v);
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-16s %s%n", key, value);
    }
}
