package org.salientsi.core.eval;

import org.salientsi.api.ir.Upsample;

/**
 * Source positions and weights along one axis of a resize (ONNX {@code Resize} semantics), shared by
 * the IR's {@link Upsample} and by saliency methods that bring a map to input resolution.
 */
public final class ResizeAxis {

    private ResizeAxis() {
    }

    /**
     * @param in input length
     * @param out output length
     * @param scale output / input scale used by the coordinate transform
     * @param u interpolation, transform and rounding
     * @return per output position {@code {i0, i1, w0, w1}}: input indices and their weights
     */
    public static double[][] table(int in, int out, double scale, Upsample u) {
        double[][] t = new double[out][];
        for (int x = 0; x < out; x++) {
            double src = switch (u.transform()) {
                case HALF_PIXEL -> (x + 0.5) / scale - 0.5;
                case PYTORCH_HALF_PIXEL -> out > 1 ? (x + 0.5) / scale - 0.5 : 0.0;
                case ALIGN_CORNERS -> out == 1 ? 0.0 : x * (double) (in - 1) / (out - 1);
                case ASYMMETRIC -> x / scale;
            };
            if (u.interpolation() == Upsample.Interpolation.NEAREST) {
                double r = switch (u.rounding()) {
                    case ROUND_PREFER_FLOOR -> Math.ceil(src - 0.5);
                    case ROUND_PREFER_CEIL -> Math.floor(src + 0.5);
                    case FLOOR -> Math.floor(src);
                    case CEIL -> Math.ceil(src);
                };
                int i = (int) Math.max(0, Math.min(in - 1, r));
                t[x] = new double[] {i, i, 1.0, 0.0};
            } else {
                double s = Math.max(0, Math.min(in - 1, src));
                int i0 = (int) Math.floor(s);
                int i1 = Math.min(i0 + 1, in - 1);
                double w1 = s - i0;
                t[x] = i1 == i0 ? new double[] {i0, i0, 1.0, 0.0} : new double[] {i0, i1, 1 - w1, w1};
            }
        }
        return t;
    }
}
