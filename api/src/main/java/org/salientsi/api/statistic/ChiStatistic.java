package org.salientsi.api.statistic;

import org.salientsi.api.image.Region;

/**
 * A chi statistic: the norm \( \lVert P Y \rVert \) of the data's projection on a subspace of rank \( d \)
 * that the region determines (sicore's {@code SelectiveInferenceChi}), with \( H_0: P\mu = 0 \). Given the
 * selection event, the nuisance \( a = Y - c\,T \) and the direction \( u = PY / \lVert PY \rVert \), the
 * statistic \( T / s \) is a \( \chi_d \) variable truncated to the \( r \ge 0 \) on which the line
 * \( Y(r) = a + s\,r\,u \) reproduces the selection; large norms are the evidence against \( H_0 \). The
 * noise must have a diagonal covariance (whiten the images first otherwise). Immutable and thread-safe.
 *
 * <p>{@link #contrast} is the linear contrast whose line the chi test walks under \( \sigma^2 I \):
 * \( \eta = \sum_k u_k g_k / \lVert g_k \rVert_D \), so that \( \eta^\top Y = T \); the engine forms it
 * itself from {@link #subspace} and the noise model.
 */
public interface ChiStatistic extends TestStatistic {

    /**
     * @param region the selected region on the image's pixel grid (a pixel brings all its channels)
     * @param observation the data
     * @return the directions whose whitened norm is tested
     * @throws org.salientsi.api.error.EmptyRegionException if the region leaves nothing to test
     * @throws org.salientsi.api.error.InvalidInputException if a needed reference is missing
     */
    Subspace subspace(Region region, Observation observation);

    /**
     * The direction of the observed projection under \( \sigma^2 I \) (references averaged, so the reference
     * block has variance \( \sigma^2 / m \)).
     *
     * @throws org.salientsi.api.error.InvalidValueException if the projection of the data is zero
     */
    @Override
    default Contrast contrast(Region region, Observation observation) {
        int n = observation.imageSize();
        double reference = observation.hasReference() ? 1.0 / observation.referenceCount() : 1.0;
        return subspace(region, observation).direction(observation.stacked(), i -> i < n ? 1.0 : reference);
    }
}
