package org.salientsi.facade;

import org.salientsi.api.error.InvalidInputException;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.search.NoiseModel;
import org.salientsi.io.NpyArray;

/**
 * The noise covariance of {@code --covariance FILE.npy} (and of the server's {@code covariance} field): an
 * {@code n x n} array in HWC order, checked against the images' size when a test is prepared.
 *
 * @param array the array as read
 */
public record NpyCovariance(NpyArray array) implements NoiseSpec {

    /**
     * The noise of the command line's and the server's options: a sigma or a covariance, exactly one.
     *
     * @param sigma the noise standard deviation, or {@code null}
     * @param covariance the covariance array, or {@code null}
     * @return {@link NoiseSpec#sigma} or the covariance
     * @throws InvalidInputException unless exactly one is given (or for a sigma that is not a valid one)
     */
    public static NoiseSpec sigmaOrCovariance(Double sigma, NpyArray covariance) {
        if ((sigma == null) == (covariance == null)) {
            throw new InvalidInputException("give the noise with --sigma S or --covariance FILE.npy (exactly one)");
        }
        return sigma != null ? NoiseSpec.sigma(sigma) : new NpyCovariance(covariance);
    }

    @Override
    public NoiseModel model(int n) {
        double[] matrix = array.toSquareMatrix(n);
        try {
            return NoiseModel.covariance(matrix, n);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--covariance " + array.file() + ": " + e.getMessage(), e);
        }
    }

    /** @return the file's name, as provenance records it */
    @Override
    public String label() {
        return array.file();
    }
}
