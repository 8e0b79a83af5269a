package org.salientsi.api.ir;

import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * Spatial resizing by nearest-neighbour or bilinear interpolation, a linear map (the ONNX
 * {@code Resize} semantics). Output pixel {@code x} reads input coordinate
 * {@code transform(x, scale, in, out)}; nearest mode rounds it with {@code rounding}; bilinear mode
 * clamps it to {@code [0, in - 1]} and mixes the two neighbours.
 *
 * @param scaleH row scale used by the coordinate transform, {@code > 0}; it need not equal
 *     {@code outHeight / in} when the output size is given (ONNX {@code Resize} with both)
 * @param scaleW column scale used by the coordinate transform, {@code > 0}
 * @param outHeight output rows, or 0 for {@code floor(in * scaleH)}
 * @param outWidth output columns, or 0 for {@code floor(in * scaleW)}
 * @param interpolation nearest or bilinear
 * @param transform how output coordinates map to input coordinates
 * @param rounding how nearest mode rounds (ignored for bilinear)
 */
public record Upsample(double scaleH, double scaleW, int outHeight, int outWidth, Interpolation interpolation,
                       CoordinateTransform transform, NearestRounding rounding) implements Op {

    /** Interpolation mode. */
    public enum Interpolation {
        /** Copy the nearest input pixel. */
        NEAREST,
        /** Mix the two neighbours along each axis. */
        BILINEAR
    }

    /** Coordinate transformation (ONNX {@code coordinate_transformation_mode}). */
    public enum CoordinateTransform {
        /** {@code (x + 0.5) / scale - 0.5} (TensorFlow 2, PyTorch {@code align_corners=False}). */
        HALF_PIXEL,
        /** As {@link #HALF_PIXEL}, but 0 when the output has length 1. */
        PYTORCH_HALF_PIXEL,
        /** {@code x * (in - 1) / (out - 1)}. */
        ALIGN_CORNERS,
        /** {@code x / scale} (Keras {@code UpSampling2D} nearest, ONNX {@code Upsample}). */
        ASYMMETRIC
    }

    /** Rounding of the source coordinate in nearest mode (ONNX {@code nearest_mode}). */
    public enum NearestRounding {
        /** Round half down. */
        ROUND_PREFER_FLOOR,
        /** Round half up. */
        ROUND_PREFER_CEIL,
        /** Floor. */
        FLOOR,
        /** Ceiling. */
        CEIL
    }

    /**
     * @throws InvalidValueException on non-positive scales or negative sizes
     */
    public Upsample {
        if (!(scaleH > 0) || !(scaleW > 0) || Double.isInfinite(scaleH) || Double.isInfinite(scaleW)) {
            throw InvalidValueException.of("Upsample scales must be finite and > 0, got %s, %s", scaleH, scaleW);
        }
        if (outHeight < 0 || outWidth < 0) {
            throw InvalidValueException.of("Upsample output size must be >= 0, got %d, %d", outHeight, outWidth);
        }
        if (interpolation == null || transform == null || rounding == null) {
            throw new InvalidValueException("Upsample needs interpolation, transform and rounding");
        }
    }

    /**
     * Integer nearest-neighbour upsampling that repeats each pixel (Keras {@code UpSampling2D}).
     *
     * @param factorH row factor
     * @param factorW column factor
     * @return the op
     */
    public static Upsample repeat(int factorH, int factorW) {
        return new Upsample(factorH, factorW, 0, 0, Interpolation.NEAREST, CoordinateTransform.ASYMMETRIC,
                NearestRounding.FLOOR);
    }

    /**
     * Bilinear resizing with half-pixel centres (PyTorch {@code align_corners=False}, TensorFlow 2).
     *
     * @param outHeight output rows
     * @param outWidth output columns
     * @param inHeight input rows
     * @param inWidth input columns
     * @return the op
     */
    public static Upsample bilinear(int outHeight, int outWidth, int inHeight, int inWidth) {
        return new Upsample((double) outHeight / inHeight, (double) outWidth / inWidth, outHeight, outWidth,
                Interpolation.BILINEAR, CoordinateTransform.HALF_PIXEL, NearestRounding.ROUND_PREFER_FLOOR);
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        int oh = outHeight > 0 ? outHeight : (int) Math.floor(in.height() * scaleH);
        int ow = outWidth > 0 ? outWidth : (int) Math.floor(in.width() * scaleW);
        return TensorShape.of(in.channels(), oh, ow);
    }
}
