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
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.interval.IntervalSet;
import org.salientsi.api.result.Alternative;

/**
 * The truncated normal against 60-digit mpmath values (truncnorm-reference.csv; its header gives the
 * command that made it). Tolerances of the foundation issue: relative error at most 1e-12 on p where
 * p >= 1e-300, on log p where p is smaller, and absolute error at most 1e-12 on log p where
 * |log p| < 1e-3.
 */
class TruncatedNormalReferenceTest {

    private static final double TOLERANCE = 1e-12;

    record Row(String id, String category, double mean, double sd, IntervalSet set, double t, Alternative alt,
               BigDecimal p, BigDecimal logP) {
    }

    private static List<Row> rows;

    @BeforeAll
    static void read() throws IOException {
        rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                TruncatedNormalReferenceTest.class.getResourceAsStream("truncnorm-reference.csv")),
                StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    assertThat(line).isEqualTo("id,category,mean,sd,intervals,t,alternative,p,log_p");
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                IntervalSet.Builder b = IntervalSet.builder();
                for (String iv : f[4].split("\\|")) {
                    String[] ends = iv.split(":");
                    b.add(parse(ends[0]), parse(ends[1]));
                }
                rows.add(new Row(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), b.build(),
                        Double.parseDouble(f[5]), Alternative.parse(f[6]), new BigDecimal(f[7]),
                        new BigDecimal(f[8])));
            }
        }
    }

    private static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    void referenceFileCoversEveryCategoryAndAlternative() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(300);
        assertThat(rows.stream().map(Row::category).distinct())
                .contains("random", "far-tail", "straddle", "narrow", "many-tiny", "wide", "t-at-end", "nonstandard");
        assertThat(rows.stream().map(Row::alt).distinct()).containsExactlyInAnyOrder(Alternative.values());
        assertThat(rows).anyMatch(r -> r.set().equals(IntervalSet.of(Interval.of(38, 39),
                Interval.of(40, Double.POSITIVE_INFINITY))) && r.t() == 38.5);
        assertThat(rows).anyMatch(r -> r.set().size() >= 1000);
    }

    @Test
    void pValuesMatchMpmathWithinTolerance() {
        List<String> failures = new ArrayList<>();
        double worst = 0;
        for (Row row : rows) {
            TruncatedNormal tn = TruncatedNormal.of(row.mean(), row.sd(), row.set());
            double logP = tn.logPValue(row.t(), row.alt());
            double refLog = row.logP().doubleValue();
            double error;
            if (Math.abs(refLog) < 1e-3) {
                error = Math.abs(logP - refLog);
            } else if (row.p().compareTo(new BigDecimal("1e-300")) >= 0) {
                double p = Math.exp(logP);
                error = new BigDecimal(p).subtract(row.p()).abs()
                        .divide(row.p(), MathContext.DECIMAL64).doubleValue();
            } else {
                error = Math.abs(logP - refLog) / Math.abs(refLog);
            }
            worst = Math.max(worst, error);
            if (!(error <= TOLERANCE)) {
                failures.add(row.id() + " " + row.category() + " " + row.alt() + ": error " + error + " (log p "
                        + logP + " vs " + refLog + ")");
            }
        }
        System.out.println("truncated normal vs mpmath: " + rows.size() + " rows, max error " + worst);
        assertThat(failures).isEmpty();
    }
}
