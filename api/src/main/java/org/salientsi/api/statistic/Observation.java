package org.salientsi.api.statistic;

import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;

/**
 * The data of one test: the test image {@code X} and, optionally, the mean {@code Rbar} of
 * {@code m >= 1} reference images of the same scene. The stacked vector is
 * {@code Y = [vec(X); vec(Rbar)]} (length {@code 2n}) with a reference, {@code Y = vec(X)} without,
 * each block in the image's HWC order.
 *
 * @param image the test image
 * @param referenceMean the mean of the references, or {@code null}
 * @param referenceCount the number of references averaged ({@code 0} without)
 */
public record Observation(Image image, Image referenceMean, int referenceCount) {

    /**
     * @throws ShapeMismatchException if the reference's shape differs from the image's
     * @throws InvalidInputException if the count does not match the presence of a reference
     */
    public Observation {
        if (image == null) {
            throw new InvalidInputException("an observation needs an image");
        }
        if (referenceMean == null ? referenceCount != 0 : referenceCount < 1) {
            throw new InvalidInputException("reference count " + referenceCount + " does not match "
                    + (referenceMean == null ? "no reference" : "a reference"));
        }
        if (referenceMean != null && !referenceMean.shape().equals(image.shape())) {
            throw new ShapeMismatchException("reference " + referenceMean + " does not match " + image);
        }
    }

    /**
     * @param image the test image
     * @return an observation without reference
     */
    public static Observation of(Image image) {
        return new Observation(image, null, 0);
    }

    /**
     * @param image the test image
     * @param reference one reference image
     * @return the observation
     */
    public static Observation of(Image image, Image reference) {
        return new Observation(image, reference, 1);
    }

    /**
     * @param image the test image
     * @param references one or more references of the same scene; their mean is used
     * @return the observation
     */
    public static Observation withReferences(Image image, List<Image> references) {
        if (references.isEmpty()) {
            return of(image);
        }
        ImageShape shape = image.shape();
        double[] mean = new double[shape.size()];
        for (Image r : references) {
            if (!r.shape().equals(shape)) {
                throw new ShapeMismatchException("reference " + r + " does not match " + image);
            }
            double[] v = r.toArray();
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= references.size();
        }
        return new Observation(image, Image.of("mean of " + references.size() + " references", shape, mean),
                references.size());
    }

    /** @return whether there is a reference */
    public boolean hasReference() {
        return referenceMean != null;
    }

    /** @return {@code n}, the number of values of the image */
    public int imageSize() {
        return image.shape().size();
    }

    /** @return the length of {@code Y}: {@code 2n} with a reference, {@code n} without */
    public int stackedSize() {
        return hasReference() ? 2 * imageSize() : imageSize();
    }

    /** @return a new array holding {@code Y} */
    public double[] stacked() {
        double[] y = new double[stackedSize()];
        image.copyTo(y, 0);
        if (hasReference()) {
            referenceMean.copyTo(y, imageSize());
        }
        return y;
    }
}
