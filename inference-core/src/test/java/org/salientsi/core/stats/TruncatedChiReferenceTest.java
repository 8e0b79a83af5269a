package org.salientsi.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.interval.IntervalSet;

/**
 * The truncated chi against 60-digit mpmath values (truncchi-reference.csv; its header gives the command that
 * made it), for d from 1 to 10^4, far upper tails (1,000 beyond the mode), far lower tails (down to 1e-3) and
 * narrow intervals. The tolerances of the truncated normal: relative error at most 1e-12 on p where
 * p >= 1e-300, on log p where p is smaller, and absolute error at most 1e-12 on log p where |log p| < 1e-3.
 * Prints the largest error by d and category (the table of the closing note).
 */
class TruncatedChiReferenceTest {

    private static final double TOLERANCE = 1e-12;

    record Row(String id, String category, int d, double scale, IntervalSet set, double t, boolean greater,
               BigDecimal p, BigDecimal logP) {
    }

    private static List<Row> rows;

    @BeforeAll
    static void read() throws IOException {
        rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TruncatedChiReferenceTest.class.getResourceAsStream("truncchi-reference.csv")),
                StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    assertThat(line).isEqualTo("id,category,d,scale,intervals,t,alternative,p,log_p");
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                IntervalSet.Builder b = IntervalSet.builder();
                for (String iv : f[4].split("\\|")) {
                    String[] ends = iv.split(":");
                    b.add(Double.parseDouble(ends[0]), ends[1].equals("inf") ? Double.POSITIVE_INFINITY
                            : Double.parseDouble(ends[1]));
                }
                rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]), b.build(),
                        Double.parseDouble(f[5]), f[6].equals("greater"), new BigDecimal(f[7]), new BigDecimal(f[8])));
            }
        }
    }

    @Test
    void referenceFileCoversDegreesFromOneToTenThousandAndBothTails() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        assertThat(rows.stream().map(Row::d).distinct()).contains(1, 2, 10, 100, 1000, 10000);
        assertThat(rows.stream().map(Row::category).distinct())
                .contains("bulk", "far-upper", "far-lower", "narrow", "wide", "scale");
        assertThat(rows).anyMatch(r -> r.logP().doubleValue() < -1e4);
    }

    @Test
    void pValuesMatchMpmathWithinTolerance() {
        List<String> failures = new ArrayList<>();
        Map<String, Double> worstBy = new TreeMap<>();
        double worst = 0;
        for (Row row : rows) {
            TruncatedChi tc = TruncatedChi.of(row.d(), row.scale(), row.set());
            double logP = row.greater() ? tc.logPValue(row.t()) : tc.logCdf(row.t());
            double refLog = row.logP().doubleValue();
            double error;
            if (Math.abs(refLog) < 1e-3) {
                error = Math.abs(logP - refLog);
            } else if (row.p().compareTo(new BigDecimal("1e-300")) >= 0) {
                double p = Math.exp(logP);
                error = new BigDecimal(p).subtract(row.p()).abs().divide(row.p(), MathContext.DECIMAL64).doubleValue();
            } else {
                error = Math.abs(logP - refLog) / Math.abs(refLog);
            }
            worst = Math.max(worst, error);
            String key = String.format(Locale.ROOT, "d=%5d %-9s", row.d(), row.category());
            worstBy.merge(key, error, Math::max);
            if (!(error <= TOLERANCE)) {
                failures.add(row.id() + " " + row.category() + " d=" + row.d() + " " + (row.greater() ? "greater"
                        : "less") + ": error " + error + " (log p " + logP + " vs " + refLog + ")");
            }
        }
        StringBuilder table = new StringBuilder("truncated chi vs mpmath: " + rows.size() + " rows, max error "
                + worst + "\n");
        worstBy.forEach((k, v) -> table.append(String.format(Locale.ROOT, "  %s max rel. error %.2e%n", k, v)));
        System.out.print(table);
        assertThat(failures).isEmpty();
    }
}
