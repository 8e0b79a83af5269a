package org.salientsi.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The text table of a ladder run: a header line of column names, one line per model, and notes. */
public final class LadderTable {

    private static final String ROW = "%-29s %7s %7s %9s %11s %10s %9s %9s %8s %8s %5s  %s";

    private LadderTable() {
    }

    /** @return the line of column names */
    public static String columns() {
        return String.format(Locale.ROOT, ROW, "model", "MACs M", "pixels", "pieces", "exhaust. s", "decis. s",
                "dec. pcs", "ms/piece", "RSS MB", "heap MB", "load", "pairs");
    }

    /**
     * @param row a model's row
     * @return its line: medians over the tested pairs; {@code > X} marks a lower bound (searches stopped
     *     by the time budget decide the median); {@code -} a value that was not measured
     */
    public static String row(LadderRow row) {
        SearchSummary ex = row.exhaustive();
        SearchSummary dec = row.decision();
        double ms = ex != null ? ex.msPerPiece() : dec.msPerPiece();
        PeakMemory mem = row.memory();
        String rss = mem.rssBytes() < 0 ? "-" : fixed(mem.rssBytes() / 1048576.0, 0) + (mem.rssSinceReset() ? "" : "*");
        return String.format(Locale.ROOT, ROW, row.model().file(), fixed(row.model().macs() / 1e6, 1),
                row.model().pixels(), ex == null ? "-" : count(ex.pieces()), ex == null ? "-" : seconds(ex.seconds()),
                seconds(dec.seconds()), count(dec.pieces()), Double.isNaN(ms) ? "-" : significant(ms), rss,
                fixed(mem.heapBytes() / 1048576.0, 0), Double.isNaN(row.load()) ? "-" : fixed(row.load(), 2),
                pairs(row));
    }

    /**
     * @param rows the rows so far
     * @return one line per distinct failure message of a row ({@code model: message}), and the meaning of
     *     marks that appear
     */
    public static List<String> notes(List<LadderRow> rows) {
        List<String> lines = new ArrayList<>();
        for (LadderRow r : rows) {
            Set<String> messages = new LinkedHashSet<>();
            r.pairs().stream().filter(p -> p.outcome() == PairRun.Outcome.FAILED).forEach(p -> messages.add(
                    p.error()));
            for (String m : messages) {
                lines.add("failed: " + r.model().file() + ": " + m);
            }
        }
        if (rows.stream().anyMatch(r -> !r.memory().rssSinceReset() && r.memory().rssBytes() >= 0)) {
            lines.add("*: the process's peak RSS since it started (its reset through /proc/self/clear_refs was "
                    + "refused)");
        }
        return lines;
    }

    private static String pairs(LadderRow row) {
        StringBuilder s = new StringBuilder(row.tested() + "/" + row.pairs().size() + " tested");
        if (row.empty() > 0) {
            s.append(", ").append(row.empty()).append(" empty");
        }
        if (row.failed() > 0) {
            s.append(", ").append(row.failed()).append(" failed");
        }
        int stopped = (row.exhaustive() == null ? 0 : row.exhaustive().stopped()) + row.decision().stopped();
        if (stopped > 0) {
            s.append(", ").append(stopped).append(stopped == 1 ? " search" : " searches").append(" stopped");
        }
        return s.toString();
    }

    private static String count(Median m) {
        if (m.count() == 0) {
            return "-";
        }
        return (m.lowerBound() ? "> " : "") + fixed(m.value(), 0);
    }

    private static String seconds(Median m) {
        if (m.count() == 0) {
            return "-";
        }
        return (m.lowerBound() ? "> " : "") + significant(m.value());
    }

    /** About four significant digits. */
    private static String significant(double v) {
        if (v >= 1000) {
            return fixed(v, 0);
        }
        if (v >= 100) {
            return fixed(v, 1);
        }
        if (v >= 10) {
            return fixed(v, 2);
        }
        if (v >= 1) {
            return fixed(v, 3);
        }
        return fixed(v, 4);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
