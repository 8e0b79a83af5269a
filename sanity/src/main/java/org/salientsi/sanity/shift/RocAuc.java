package org.salientsi.sanity.shift;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.salientsi.api.error.InvalidInputException;

/**
 * The area under the ROC curve as the Mann-Whitney statistic:
 * {@code AUC = (R_1 - n_1 (n_1 + 1) / 2) / (n_1 n_0)} with {@code R_1} the sum of the positives' average
 * ranks among all scores (a tie between a positive and a negative counts one half). Stateless.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * @param scores scores, higher meaning more positive
     * @param labels 1 for positive, 0 for negative
     * @return the AUC in [0, 1]
     * @throws InvalidInputException if a class is absent or a score is NaN
     */
    public static double of(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new InvalidInputException("AUC needs one label per score");
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(scores);
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                pos++;
                sum += ranks[i];
            } else if (labels[i] != 0) {
                throw new InvalidInputException("AUC labels must be 0 or 1, got " + labels[i]);
            }
        }
        long neg = labels.length - pos;
        if (pos == 0 || neg == 0) {
            throw new InvalidInputException("AUC needs both classes, got " + pos + " positives and " + neg
                    + " negatives");
        }
        return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
