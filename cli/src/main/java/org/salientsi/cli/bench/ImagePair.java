package org.salientsi.cli.bench;

import java.nio.file.Path;
import java.util.Objects;
import org.salientsi.api.error.InvalidInputException;

/**
 * One test image and the reference of the same scene, from a ladder's manifest.
 *
 * @param kind {@link #NULL} (image and reference i.i.d. noise) or {@link #SIGNAL} (a bright square in
 *     the image)
 * @param image the test image file, resolved against the ladder folder
 * @param reference the reference image file, resolved against the ladder folder
 */
public record ImagePair(String kind, Path image, Path reference) {

    /** The kind of a pair without signal. */
    public static final String NULL = "null";
    /** The kind of a pair with signal in the image. */
    public static final String SIGNAL = "signal";

    /**
     * @throws InvalidInputException if the kind is neither {@code null} nor {@code signal}
     */
    public ImagePair {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(reference, "reference");
        if (!NULL.equals(kind) && !SIGNAL.equals(kind)) {
            throw new InvalidInputException("image pair " + image + ": 'kind' must be 'null' or 'signal', got '"
                    + kind + "'");
        }
    }
}
