package org.salientsi.backend.onnx.translate;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import org.salientsi.api.ir.Upsample;
import org.salientsi.api.ir.Upsample.CoordinateTransform;
import org.salientsi.api.ir.Upsample.Interpolation;
import org.salientsi.api.ir.Upsample.NearestRounding;
import org.salientsi.backend.onnx.fold.ConstantFolder;
import org.salientsi.backend.onnx.model.Attributes;
import org.salientsi.backend.onnx.model.ConstTensor;
import org.salientsi.backend.onnx.translate.Translation.Data;

/**
 * {@code Resize} (opsets 10 to 21) and {@code Upsample} (opset 9) into the IR's {@link Upsample}.
 *
 * @implNote Output sizes follow ONNX Runtime: with scales, {@code out = (int64) (scale * in)} in
 *     float32. The scale that maps output to input coordinates is, with sizes, the exact ratio
 *     {@code out / in}, and with scales the float32 scale widened through its shortest decimal form
 *     ({@code 2.4f} becomes {@code 2.4}): a source coordinate that is exactly a half-integer in real
 *     arithmetic (a tie of the nearest modes) then stays one, as it does in ONNX Runtime's float32
 *     arithmetic, where the float-rounded scale would move it off the tie. Before opset 11 the
 *     coordinates are asymmetric, and nearest mode floors when upsampling and takes the ceiling when
 *     downsampling (ONNX Runtime's legacy rule).
 */
final class ResizeOps {

    private ResizeOps() {
    }

    private static double widen(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    static void resize(Translation t, NodeProto n) {
        Attributes at = Attributes.of(n);
        Data x = SpatialOps.image(t, n);
        boolean legacy = n.getOpType().equals("Upsample") || t.opset < 11;
        String mode = at.getString("mode", "nearest");
        Interpolation interpolation = switch (mode) {
            case "nearest" -> Interpolation.NEAREST;
            case "linear", "bilinear" -> Interpolation.BILINEAR;
            default -> throw Translation.unsupported(n, "has mode '" + mode
                    + "'; only nearest and linear interpolation are supported");
        };
        ConstTensor scales;
        ConstTensor sizes = null;
        if (legacy) {
            scales = t.constant(n, 1, "scales");
        } else {
            scales = t.optionalConstant(n, 2, "scales");
            sizes = t.optionalConstant(n, 3, "sizes");
        }
        if ((scales == null) == (sizes == null)) {
            throw Translation.unsupported(n, "needs exactly one of scales and sizes");
        }
        int[] axes = {0, 1, 2, 3};
        if (!legacy && t.opset >= 18 && at.getInts("axes") != null) {
            long[] a = at.getInts("axes");
            axes = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                axes[i] = ConstantFolder.axis(a[i], 4);
            }
        }
        long[] in = x.fullDims();
        float[] scale = {1f, 1f, 1f, 1f};
        double[] coordinate = {1, 1, 1, 1};
        long[] out = in.clone();
        if (scales != null) {
            if (scales.size() != axes.length) {
                throw Translation.unsupported(n, "has " + scales.size() + " scales for " + axes.length + " axes");
            }
            for (int j = 0; j < axes.length; j++) {
                scale[axes[j]] = (float) scales.real(j);
            }
            for (int i = 0; i < 4; i++) {
                if (!(scale[i] > 0) || Float.isInfinite(scale[i])) {
                    throw Translation.unsupported(n, "has a scale " + scale[i] + "; scales must be finite and > 0");
                }
                out[i] = (long) (scale[i] * (float) in[i]);
                coordinate[i] = widen(scale[i]);
            }
        } else {
            if (sizes.size() != axes.length) {
                throw Translation.unsupported(n, "has " + sizes.size() + " sizes for " + axes.length + " axes");
            }
            for (int j = 0; j < axes.length; j++) {
                out[axes[j]] = sizes.integer(j);
            }
            String policy = t.opset >= 18 ? at.getString("keep_aspect_ratio_policy", "stretch") : "stretch";
            switch (policy) {
                case "stretch" -> {
                    for (int i = 0; i < 4; i++) {
                        coordinate[i] = (double) out[i] / in[i];
                        scale[i] = (float) out[i] / (float) in[i];
                    }
                }
                case "not_larger", "not_smaller" -> {
                    boolean larger = policy.equals("not_smaller");
                    double s = larger ? 0 : Double.MAX_VALUE;
                    for (int a : axes) {
                        double r = (double) out[a] / in[a];
                        s = larger ? Math.max(s, r) : Math.min(s, r);
                    }
                    for (int a : axes) {
                        coordinate[a] = s;
                        scale[a] = (float) s;
                        out[a] = Math.round(s * in[a]);
                    }
                }
                default -> throw Translation.unsupported(n, "has an unknown keep_aspect_ratio_policy '" + policy + "'");
            }
        }
        if (out[0] != in[0] || out[1] != in[1] || scale[0] != 1f || scale[1] != 1f) {
            throw Translation.unsupported(n, "resizes the batch or channel axis (scales " + Arrays.toString(scale)
                    + ", output " + Arrays.toString(out) + "); only the spatial axes may be resized");
        }
        if (out[2] < 1 || out[3] < 1) {
            throw Translation.unsupported(n, "has an empty output " + Arrays.toString(out));
        }
        if (!legacy && at.getInt("antialias", 0) != 0 && interpolation == Interpolation.BILINEAR
                && (scale[2] < 1f || scale[3] < 1f)) {
            throw Translation.unsupported(n, "downsamples with antialias=1, which the IR does not model");
        }
        CoordinateTransform transform;
        NearestRounding rounding;
        if (legacy) {
            transform = CoordinateTransform.ASYMMETRIC;
            boolean downH = scale[2] < 1f;
            boolean downW = scale[3] < 1f;
            if (interpolation == Interpolation.NEAREST && downH != downW) {
                throw Translation.unsupported(n, "downsamples one axis and upsamples the other in legacy nearest mode");
            }
            rounding = downH ? NearestRounding.CEIL : NearestRounding.FLOOR;
        } else {
            String ctm = at.getString("coordinate_transformation_mode", "half_pixel");
            transform = switch (ctm) {
                case "half_pixel" -> CoordinateTransform.HALF_PIXEL;
                case "pytorch_half_pixel" -> CoordinateTransform.PYTORCH_HALF_PIXEL;
                case "align_corners" -> CoordinateTransform.ALIGN_CORNERS;
                case "asymmetric" -> CoordinateTransform.ASYMMETRIC;
                default -> throw Translation.unsupported(n, "has coordinate_transformation_mode '" + ctm
                        + "' (supported: half_pixel, pytorch_half_pixel, align_corners, asymmetric)");
            };
            String nearest = at.getString("nearest_mode", "round_prefer_floor");
            rounding = switch (nearest) {
                case "round_prefer_floor" -> NearestRounding.ROUND_PREFER_FLOOR;
                case "round_prefer_ceil" -> NearestRounding.ROUND_PREFER_CEIL;
                case "floor" -> NearestRounding.FLOOR;
                case "ceil" -> NearestRounding.CEIL;
                default -> throw Translation.unsupported(n, "has an unknown nearest_mode '" + nearest + "'");
            };
        }
        Upsample op = new Upsample(coordinate[2], coordinate[3], Math.toIntExact(out[2]), Math.toIntExact(out[3]),
                interpolation, transform, rounding);
        t.emit(n, op, new long[] {in[1], out[2], out[3]}, x.id());
    }
}
