package org.salientsi.core.search;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Region;
import org.salientsi.api.interval.Interval;
import org.salientsi.api.statistic.ChiStatistic;
import org.salientsi.api.statistic.Contrast;
import org.salientsi.api.statistic.Observation;
import org.salientsi.api.statistic.Subspace;

/**
 * What a chi statistic makes of the test line: the whitened direction of the observed projection
 * \( \eta \) (so that the line of {@link TestLine#of} is \( Y(r) = a + s\,r\,u \) in units of \( T \)), its
 * degrees of freedom, and the half-line \( r \ge 0 \) with a search range around the larger of \( T \) and the
 * chi mode.
 *
 * @param degrees \( d \), the subspace's dimension
 * @param contrast the direction \( \eta \) with \( \eta^\top Y = T \) and \( \eta^\top D \eta = 1 \)
 */
record ChiLine(int degrees, Contrast contrast) {

    /**
     * @param statistic the chi statistic
     * @param region the selected region
     * @param observation the data
     * @param noise the noise model, diagonal
     * @return the chi line's direction and degrees
     * @throws InvalidInputException if the noise covariance is not diagonal
     */
    static ChiLine of(ChiStatistic statistic, Region region, Observation observation, NoiseModel noise) {
        if (!noise.isDiagonal()) {
            throw new InvalidInputException("statistic '" + statistic.name() + "' is a chi statistic and needs sigma^2 I "
                    + "or a diagonal covariance; whiten the images first (multiply them by the inverse square root of "
                    + "the covariance) and give --sigma 1");
        }
        Subspace s = statistic.subspace(region, observation);
        int n = observation.imageSize();
        int m = observation.referenceCount();
        return new ChiLine(s.dimension(), s.direction(observation.stacked(), i -> noise.shapeVariance(i, n, m)));
    }

    /**
     * @param line the contrast's test line
     * @param range the search half-width in units of sigma_T
     * @return the line restricted to \( r \ge 0 \), searched over
     *     \( [\max(0, \min(T/s, m) - k)\,s, (\max(T/s, m) + k)\,s] \) with \( m = \sqrt{d - 1} \) the chi mode
     */
    TestLine restrict(TestLine line, double range) {
        double s = line.sigmaT();
        double mode = Math.sqrt(degrees - 1.0);
        double r = line.t() / s;
        double zMin = s * Math.max(0, Math.min(r, mode) - range);
        double zMax = s * (Math.max(r, mode) + range);
        Interval constraint = Interval.of(Math.max(0, line.constraint().lo()), line.constraint().hi());
        return new TestLine(line.t(), s, line.a(), line.c(), line.cReflected(), constraint, zMin, zMax);
    }
}
