package org.salientsi.sanity.reliability;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * How two metrics order the saliency methods (SANITY.md section 2.6, "rankings reverse"): each
 * method's mean direction-aware rank under each metric, the winner (smallest mean rank) of each, the
 * pairs of methods whose order flips, and Spearman's rho between the two mean-rank vectors.
 *
 * @param first label of the first metric
 * @param second label of the second metric
 * @param methods method names
 * @param meanRankFirst mean rank per method under the first metric (1 = best)
 * @param meanRankSecond mean rank per method under the second metric
 * @param winnerFirst best method under the first metric
 * @param winnerSecond best method under the second metric
 * @param reversedPairs pairs {@code "a > b"} ordered one way by the first metric and the other way by the second
 * @param rho Spearman between the mean-rank vectors ({@code NaN} with fewer than 3 methods)
 */
public record RankReversal(String first, String second, List<String> methods, double[] meanRankFirst,
                           double[] meanRankSecond, String winnerFirst, String winnerSecond,
                           List<String> reversedPairs, double rho) {

    /**
     * @param q1 first metric
     * @param q2 second metric, same methods
     * @return the comparison
     */
    public static RankReversal of(ScoreMatrix q1, ScoreMatrix q2) {
        if (!q1.methods().equals(q2.methods())) {
            throw InvalidValueException.of("rank reversal needs the same methods for %s and %s", q1.label(),
                    q2.label());
        }
        double[] a = meanRanks(q1.ranks());
        double[] b = meanRanks(q2.ranks());
        List<String> methods = q1.methods();
        List<String> reversed = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double da = a[i] - a[j];
                double db = b[i] - b[j];
                if (da * db < 0) {
                    String better = da < 0 ? methods.get(i) : methods.get(j);
                    String worse = da < 0 ? methods.get(j) : methods.get(i);
                    reversed.add(better + " > " + worse + " under " + q1.metric() + ", reversed under " + q2.metric());
                }
            }
        }
        return new RankReversal(q1.label(), q2.label(), methods, a, b,
                methods.isEmpty() ? null : methods.get(argmin(a)),
                methods.isEmpty() ? null : methods.get(argmin(b)), reversed, a.length < 3 ? Double.NaN
                : PairwiseSpearman.rho(a, b));
    }

    /**
     * @param ranks {@code images x methods} ranks
     * @return the mean rank of each method over the images where it has one
     */
    public static double[] meanRanks(double[][] ranks) {
        int m = ranks.length == 0 ? 0 : ranks[0].length;
        double[] mean = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            int n = 0;
            for (double[] row : ranks) {
                if (!Double.isNaN(row[j])) {
                    s += row[j];
                    n++;
                }
            }
            mean[j] = n == 0 ? Double.NaN : s / n;
        }
        return mean;
    }

    private static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best] || Double.isNaN(v[best])) {
                best = i;
            }
        }
        return best;
    }
}
