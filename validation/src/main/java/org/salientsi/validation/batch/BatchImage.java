package org.salientsi.validation.batch;

import java.util.List;
import java.util.Objects;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.image.Image;

/**
 * One image of a batch, read and checked by the driver, with its references.
 *
 * @param position the image's position in the batch (file-name order), {@code >= 0}
 * @param image the image, named by its label (the label of its result)
 * @param references its references (their mean is used), or empty for an in-image test; copied
 */
public record BatchImage(int position, Image image, List<Image> references) {

    /**
     * @throws InvalidValueException if the position is negative
     */
    public BatchImage {
        if (position < 0) {
            throw InvalidValueException.of("a batch position must be >= 0, got %d", position);
        }
        Objects.requireNonNull(image, "image");
        references = List.copyOf(references);
    }
}
