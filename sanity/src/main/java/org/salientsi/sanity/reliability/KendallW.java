package org.salientsi.sanity.reliability;

/**
 * Kendall's coefficient of concordance among raters' complete rankings:
 * {@code W = 12 S / (m^2 (n^3 - n))} with {@code m} raters, {@code n} ranked items and {@code S} the
 * sum of squared deviations of the items' rank sums from their mean (no tie correction). For complete
 * tie-free rankings the mean pairwise Spearman between raters is {@code (m W - 1)/(m - 1)}.
 */
public final class KendallW {

    private KendallW() {
    }

    /**
     * @param ranks {@code raters x items} ranks; rows with a missing rank are skipped
     * @return W, or {@code NaN} with fewer than two complete raters or items
     */
    public static double of(double[][] ranks) {
        int items = ranks.length == 0 ? 0 : ranks[0].length;
        double[] sums = new double[items];
        int raters = 0;
        for (double[] row : ranks) {
            boolean complete = true;
            for (double v : row) {
                complete &= !Double.isNaN(v);
            }
            if (!complete) {
                continue;
            }
            raters++;
            for (int j = 0; j < items; j++) {
                sums[j] += row[j];
            }
        }
        if (raters < 2 || items < 2) {
            return Double.NaN;
        }
        double mean = raters * (items + 1) / 2.0;
        double s = 0;
        for (double r : sums) {
            s += (r - mean) * (r - mean);
        }
        return 12 * s / ((double) raters * raters * ((double) items * items * items - items));
    }
}
