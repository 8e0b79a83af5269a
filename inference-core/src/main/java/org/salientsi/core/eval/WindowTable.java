package org.salientsi.core.eval;

import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;

/**
 * The windows of a pooling op: for each output position \( (c, h, w) \) (flat CHW index \( o \)), the
 * flat input indices its window covers, padding excluded, in compressed-row form (entries
 * {@code start[o] .. start[o + 1] - 1} of {@code index}), row-major within the window (the order in
 * which a max-pool window's entries are compared, ties to the earlier); how many positions the window
 * spans including padding (its extent clipped to the padded input, the divisor of an average that
 * counts padding); and the reverse, for each input unit the windows that cover it (for the incremental
 * walk). Window \( (c, h, w) \) covers rows \( h s_h - p_t + u \), \( 0 \le u < k_h \), and columns
 * \( w s_w - p_l + v \), \( 0 \le v < k_w \), of channel \( c \).
 *
 * <p>Built once per op, for the forward evaluators of this package and for the reverse pass of
 * {@code org.salientsi.core.grad}. Immutable; the accessors return copies.
 */
public final class WindowTable {

    /** Per window: offsets into {@link #index}; one more value than there are windows. */
    final int[] start;
    /** The flat input indices of each window, in compressed-row form. */
    final int[] index;
    /** Per window: the positions it spans including padding. */
    final int[] paddedCount;
    /** Per input unit: offsets into {@link #window}. */
    final int[] coverStart;
    /** The windows covering each input unit, in compressed-row form. */
    final int[] window;

    /**
     * @param in the input's shape
     * @param out the output's shape (one window per output position)
     * @param kh window rows
     * @param kw window columns
     * @param sh row stride
     * @param sw column stride
     * @param pad the padding around the input
     * @return the windows
     * @throws InvalidValueException if a window extent or stride is below 1
     * @throws ShapeMismatchException if the shapes differ in channels
     */
    public static WindowTable pooling(TensorShape in, TensorShape out, int kh, int kw, int sh, int sw, Padding pad) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1) {
            throw InvalidValueException.of("pooling windows and strides must be >= 1, got %dx%d, stride %dx%d", kh,
                    kw, sh, sw);
        }
        if (in.channels() != out.channels()) {
            throw new ShapeMismatchException("pooling keeps the channels, but maps " + in + " to " + out);
        }
        return new WindowTable(in, out, kh, kw, sh, sw, pad);
    }

    /**
     * @param in the input's shape
     * @return one window per channel covering the whole plane (global pooling)
     */
    public static WindowTable global(TensorShape in) {
        return new WindowTable(in, TensorShape.of(in.channels(), 1, 1), in.height(), in.width(), 1, 1, Padding.NONE);
    }

    private WindowTable(TensorShape in, TensorShape out, int kh, int kw, int sh, int sw, Padding pad) {
        int n = out.size();
        start = new int[n + 1];
        paddedCount = new int[n];
        int[] buf = new int[n * kh * kw];
        int k = 0;
        int inH = in.height();
        int inW = in.width();
        int limitH = inH + pad.bottom();
        int limitW = inW + pad.right();
        for (int c = 0; c < out.channels(); c++) {
            for (int oh = 0; oh < out.height(); oh++) {
                for (int ow = 0; ow < out.width(); ow++) {
                    int o = out.index(c, oh, ow);
                    start[o] = k;
                    int h0 = oh * sh - pad.top();
                    int w0 = ow * sw - pad.left();
                    int spanH = Math.min(h0 + kh, limitH) - h0;
                    int spanW = Math.min(w0 + kw, limitW) - w0;
                    paddedCount[o] = spanH * spanW;
                    for (int u = 0; u < kh; u++) {
                        int ih = h0 + u;
                        if (ih < 0 || ih >= inH) {
                            continue;
                        }
                        for (int v = 0; v < kw; v++) {
                            int iw = w0 + v;
                            if (iw < 0 || iw >= inW) {
                                continue;
                            }
                            buf[k++] = (c * inH + ih) * inW + iw;
                        }
                    }
                }
            }
        }
        start[n] = k;
        index = java.util.Arrays.copyOf(buf, k);
        int units = in.size();
        coverStart = new int[units + 1];
        for (int e = 0; e < k; e++) {
            coverStart[index[e] + 1]++;
        }
        for (int i = 0; i < units; i++) {
            coverStart[i + 1] += coverStart[i];
        }
        int[] fill = java.util.Arrays.copyOf(coverStart, units);
        window = new int[k];
        for (int o = 0; o < n; o++) {
            for (int e = start[o]; e < start[o + 1]; e++) {
                window[fill[index[e]]++] = o;
            }
        }
    }

    /** @return the number of windows (output positions) */
    public int windows() {
        return paddedCount.length;
    }

    /**
     * @return per window, the offset of its first entry in {@link #indices()}; one more value than there
     *     are windows (a copy)
     */
    public int[] starts() {
        return start.clone();
    }

    /** @return the flat input indices of the windows, window after window (a copy) */
    public int[] indices() {
        return index.clone();
    }

    /** @return per window, the positions it spans including padding (a copy) */
    public int[] paddedCounts() {
        return paddedCount.clone();
    }

    /** @return the most input positions any one window covers (0 without windows) */
    public int largestWindow() {
        int max = 0;
        for (int o = 0; o + 1 < start.length; o++) {
            max = Math.max(max, start[o + 1] - start[o]);
        }
        return max;
    }

    @Override
    public String toString() {
        return "WindowTable[" + windows() + " windows, " + index.length + " entries]";
    }
}
