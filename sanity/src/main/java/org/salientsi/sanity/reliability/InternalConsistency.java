package org.salientsi.sanity.reliability;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * Internal consistency between two metrics that claim to measure fidelity (SANITY.md section 2.5 (3)),
 * in the two forms the literature uses:
 * <ul>
 *   <li>per method (Tomsett et al.): {@code rho_m = Spearman(S_Q1[.][m], S_Q2[.][m])} across images;
 *       {@code aligned} multiplies it by -1 when the two metrics point in opposite directions, so that
 *       a positive aligned value always means agreement;</li>
 *   <li>per image ranking (a public re-implementation): the mean over images of
 *       {@code Spearman(rank_Q1[n][.], rank_Q2[n][.])} on direction-aware ranks.</li>
 * </ul>
 *
 * @param first label of the first metric
 * @param second label of the second metric
 * @param methods method names
 * @param perMethod raw Spearman rho per method
 * @param perMethodAligned direction-aligned rho per method
 * @param rankingAgreement mean per-image Spearman between the two rankings of the methods
 */
public record InternalConsistency(String first, String second, List<String> methods, double[] perMethod,
                                  double[] perMethodAligned, double rankingAgreement) {

    /**
     * @param q1 first metric
     * @param q2 second metric, on the same images and methods
     * @return the internal consistency of the pair
     * @throws InvalidValueException if the images or methods differ
     */
    public static InternalConsistency of(ScoreMatrix q1, ScoreMatrix q2) {
        if (!q1.methods().equals(q2.methods()) || !q1.images().equals(q2.images())) {
            throw InvalidValueException.of("internal consistency needs the same images and methods for %s and %s",
                    q1.label(), q2.label());
        }
        int m = q1.methodCount();
        double flip = q1.direction() == q2.direction() ? 1.0 : -1.0;
        double[] raw = new double[m];
        double[] aligned = new double[m];
        for (int j = 0; j < m; j++) {
            raw[j] = PairwiseSpearman.rho(q1.column(j), q2.column(j));
            aligned[j] = flip * raw[j];
        }
        double[][] r1 = q1.ranks();
        double[][] r2 = q2.ranks();
        double[] perImage = new double[r1.length];
        for (int n = 0; n < r1.length; n++) {
            perImage[n] = PairwiseSpearman.rho(r1[n], r2[n]);
        }
        return new InternalConsistency(q1.label(), q2.label(), q1.methods(), raw, aligned,
                PairwiseSpearman.mean(perImage));
    }
}
