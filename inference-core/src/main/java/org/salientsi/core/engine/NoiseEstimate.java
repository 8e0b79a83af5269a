package org.salientsi.core.engine;

import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * The pixel noise level estimated from images that the selection never saw: groups of repeated scans, each
 * group of one scene (a pair of reference images of one subject, or several scans of one phantom). Within a
 * group every value has one mean and i.i.d. \( N(0, \sigma^2) \) noise, so the pooled within-group variance
 * \[ s^2 = \frac{1}{\nu} \sum_g \sum_i \sum_{j \in g} (R_{gij} - \bar R_{gi})^2, \qquad
 *    \nu = \sum_g n_g (m_g - 1) \]
 * (for a pair, the mean of \( (A_i - B_i)^2 / 2 \)) is unbiased and \( \nu s^2 / \sigma^2 \sim \chi^2_\nu \)
 * exactly: \( \nu \) is the estimate's degrees of freedom. The (1 - beta) upper confidence limit is
 * \( \sigma_U = s (\nu / q_\beta)^{1/2} \), \( q_\beta \) the beta-quantile of \( \chi^2_\nu \) (Commons
 * Statistics), so \( P(\sigma \le \sigma_U) = 1 - \beta \). Immutable.
 *
 * @param sigma the estimate \( s \), finite and {@code > 0}
 * @param df \( \nu \), the degrees of freedom, {@code >= 1}
 * @param images the images used
 * @param groups the groups (scenes) they came in
 */
public record NoiseEstimate(double sigma, long df, int images, int groups) {

    /**
     * @throws InvalidValueException for a sigma that is not finite, positive and normal, or df below 1
     */
    public NoiseEstimate {
        if (!(sigma >= Double.MIN_NORMAL) || Double.isInfinite(sigma)) {
            throw InvalidValueException.of("estimated noise sigma must be a finite normal number > 0, got %s (the "
                    + "scans are identical: no noise to estimate)", sigma);
        }
        if (df < 1) {
            throw InvalidValueException.of("estimated noise needs at least 1 degree of freedom, got %d", df);
        }
    }

    /**
     * @param groups groups of repeated scans, each of at least two images of one shape (all groups the same
     *     shape)
     * @param source what the scans are (a folder), for messages
     * @return the pooled estimate
     * @throws InvalidInputException if there is no group, a group has fewer than two images, shapes differ
     *     ({@link ShapeMismatchException}), or the scans do not vary (zero variance)
     */
    public static NoiseEstimate of(List<List<Image>> groups, String source) {
        if (groups == null || groups.isEmpty()) {
            throw new InvalidInputException(source + " holds no image to estimate the noise from");
        }
        ImageShape shape = null;
        String first = null;
        double sum = 0;
        long df = 0;
        int images = 0;
        for (List<Image> group : groups) {
            if (group.size() < 2) {
                throw new InvalidInputException(source + ": a group of scans of one scene needs at least two images "
                        + "to show the noise, got " + group.size() + (group.isEmpty() ? "" : " (" + group.get(0).name()
                        + ")"));
            }
            for (Image image : group) {
                if (shape == null) {
                    shape = image.shape();
                    first = image.name();
                } else if (!image.shape().equals(shape)) {
                    throw new ShapeMismatchException(source + ": " + image.name() + " is " + image.shape() + " but "
                            + first + " is " + shape + "; repeated scans must have one shape");
                }
            }
            sum += withinSumOfSquares(group, shape.size());
            df += (long) shape.size() * (group.size() - 1);
            images += group.size();
        }
        double variance = sum / df;
        if (!(variance > 0)) {
            throw new InvalidInputException(source + ": the scans do not vary (zero variance), so they show no noise; "
                    + "give repeated scans of one scene, not copies of one image");
        }
        return new NoiseEstimate(Math.sqrt(variance), df, images, groups.size());
    }

    /** \( \sum_i \sum_j (R_{ij} - \bar R_i)^2 \) over a group, by Welford's update per value. */
    private static double withinSumOfSquares(List<Image> group, int n) {
        double[] mean = new double[n];
        double[] m2 = new double[n];
        int count = 0;
        for (Image image : group) {
            double[] v = image.toArray();
            count++;
            for (int i = 0; i < n; i++) {
                double delta = v[i] - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (v[i] - mean[i]);
            }
        }
        double s = 0;
        for (double x : m2) {
            s += x;
        }
        return s;
    }

    /**
     * @param beta the probability that the limit lies below the true sigma, in (0, 1)
     * @return the (1 - beta) upper confidence limit \( s (\nu / q_\beta)^{1/2} \)
     * @throws InvalidOptionException naming {@code sigma-upper} if beta is not in (0, 1)
     */
    public double upperLimit(double beta) {
        if (!(beta > 0 && beta < 1)) {
            throw InvalidOptionException.of("sigma-upper", "must be a probability beta in (0, 1), got " + beta);
        }
        double q = ChiSquaredDistribution.of(df).inverseCumulativeProbability(beta);
        return sigma * Math.sqrt(df / q);
    }
}
