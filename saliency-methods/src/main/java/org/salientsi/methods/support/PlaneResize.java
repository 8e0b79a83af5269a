package org.salientsi.methods.support;

import org.salientsi.api.ir.Upsample;
import org.salientsi.core.eval.ResizeAxis;

/**
 * Brings a one-channel map from feature resolution to the input grid by bilinear interpolation with
 * half-pixel centres (PyTorch {@code align_corners=False}, TensorFlow 2), as CAM and Grad-CAM do; a
 * linear map, so it applies to values, intercepts and slopes alike. Immutable.
 */
public final class PlaneResize {

    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    /** Per output row / column {@code {i0, i1, w0, w1}}; null when the sizes are equal. */
    private final double[][] rows;
    private final double[][] cols;

    private PlaneResize(int inH, int inW, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        if (inH == outH && inW == outW) {
            rows = null;
            cols = null;
        } else {
            Upsample up = Upsample.bilinear(outH, outW, inH, inW);
            rows = ResizeAxis.table(inH, outH, up.scaleH(), up);
            cols = ResizeAxis.table(inW, outW, up.scaleW(), up);
        }
    }

    /**
     * @param inH feature rows
     * @param inW feature columns
     * @param outH input rows
     * @param outW input columns
     * @return the resize
     */
    public static PlaneResize of(int inH, int inW, int outH, int outW) {
        return new PlaneResize(inH, inW, outH, outW);
    }

    /** @return whether the map already has the input's size */
    public boolean identity() {
        return rows == null;
    }

    /**
     * @param low {@code inH * inW} values
     * @param out receives {@code outH * outW} values (may be {@code low} itself when {@link #identity()})
     */
    public void apply(double[] low, double[] out) {
        if (rows == null) {
            if (out != low) {
                System.arraycopy(low, 0, out, 0, inH * inW);
            }
            return;
        }
        for (int h = 0; h < outH; h++) {
            double[] r = rows[h];
            int r0 = (int) r[0] * inW;
            int r1 = (int) r[1] * inW;
            for (int w = 0; w < outW; w++) {
                double[] k = cols[w];
                int c0 = (int) k[0];
                int c1 = (int) k[1];
                out[h * outW + w] = r[2] * (k[2] * low[r0 + c0] + k[3] * low[r0 + c1])
                        + r[3] * (k[2] * low[r1 + c0] + k[3] * low[r1 + c1]);
            }
        }
    }
}
