package org.salientsi.sanity.reliability;

import java.util.List;

/**
 * Inter-method reliability of one metric (SANITY.md section 2.5 (2)): Spearman's rho between the
 * score vectors of every pair of saliency methods across images, the full matrix and its mean over
 * {@code a < b} (plain and Fisher-z averaged).
 *
 * @param label the score matrix's label
 * @param methods method names
 * @param rho {@code methods x methods} correlations (1 on the diagonal; {@code NaN} when undefined)
 * @param mean mean of the upper triangle
 * @param fisherMean Fisher-z average of the upper triangle
 */
public record InterMethodReliability(String label, List<String> methods, double[][] rho, double mean,
                                     double fisherMean) {

    /**
     * @param s a score matrix
     * @return its inter-method reliability
     */
    public static InterMethodReliability of(ScoreMatrix s) {
        int m = s.methodCount();
        double[][] rho = new double[m][m];
        double[] upper = new double[m * (m - 1) / 2];
        int k = 0;
        for (int a = 0; a < m; a++) {
            rho[a][a] = 1.0;
            for (int b = a + 1; b < m; b++) {
                double r = PairwiseSpearman.rho(s.column(a), s.column(b));
                rho[a][b] = r;
                rho[b][a] = r;
                upper[k++] = r;
            }
        }
        return new InterMethodReliability(s.label(), s.methods(), rho, PairwiseSpearman.mean(upper),
                PairwiseSpearman.fisherMean(upper));
    }
}
