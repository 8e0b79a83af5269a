package org.salientsi.reports.html;

import java.util.Locale;

/** How report pages write numbers: locale-independent ({@link Locale#ROOT}), so pages read the same everywhere. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * @param v a number
     * @return it with 4 significant digits ({@code %.4g}): p-values, statistics, interval ends
     */
    public static String g4(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * @param v a number, or null (a p-value a result does not have: the OC p-value of a certified search)
     * @return it with 4 significant digits, or {@code -} for null
     */
    public static String g4(Double v) {
        return v == null ? "-" : g4(v.doubleValue());
    }

    /**
     * @param v a number
     * @return it with 3 significant digits ({@code %.3g})
     */
    public static String g3(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /**
     * @param v a number
     * @param decimals digits after the point, {@code >= 0}
     * @return it with that many decimals ({@code %.Nf})
     */
    public static String fixed(double v, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * @param v a finite number given by a person (a level alpha, a rate q)
     * @return it as short as it is exact: {@code 0.05}, {@code 0.1}, {@code 1e-3} is {@code 0.001}
     */
    public static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * @param v a number
     * @return it with 3 decimals, or {@code "-"} if undefined (NaN)
     */
    public static String f3(double v) {
        return Double.isNaN(v) ? "-" : fixed(v, 3);
    }

    /**
     * @param v an estimate
     * @param lo its interval's lower end (NaN: no interval)
     * @param hi its interval's upper end
     * @return {@code v [lo, hi]} with 3 decimals each, or {@code v} alone
     */
    public static String ci(double v, double lo, double hi) {
        return f3(v) + (Double.isNaN(lo) ? "" : " [" + f3(lo) + ", " + f3(hi) + "]");
    }
}
