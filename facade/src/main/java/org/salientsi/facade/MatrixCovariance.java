package org.salientsi.facade;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.core.engine.NoiseSpec;
import org.salientsi.core.search.NoiseModel;

/**
 * A noise covariance given to the Java API as an {@code n x n} row-major matrix in HWC order, validated
 * (symmetric positive definite) when it is given; provenance records its size and the SHA-256 of its
 * values. Two are equal when their matrices are.
 */
final class MatrixCovariance implements NoiseSpec {

    private final double[] matrix;
    private final NoiseModel model;
    private final String label;

    /**
     * @param matrix the covariance (copied)
     * @throws InvalidInputException if it is not square, symmetric and positive definite
     */
    MatrixCovariance(double[] matrix) {
        Objects.requireNonNull(matrix, "covariance");
        int n = (int) Math.round(Math.sqrt(matrix.length));
        if (n < 1 || (long) n * n != matrix.length) {
            throw new InvalidInputException("covariance must be an n x n matrix (n = H*W*C values of the image), got "
                    + matrix.length + " values");
        }
        this.matrix = matrix.clone();
        try {
            this.model = NoiseModel.covariance(this.matrix, n);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("covariance: " + e.getMessage(), e);
        }
        this.label = n + "x" + n + " sha256:" + sha256(this.matrix);
    }

    /** The model as given; a size that does not fit the images is refused by the test. */
    @Override
    public NoiseModel model(int n) {
        return model;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatrixCovariance m && Arrays.equals(m.matrix, matrix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(matrix);
    }

    private static String sha256(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
