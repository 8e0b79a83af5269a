package org.salientsi.core.eval;

import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;

/**
 * For each output position of a pooling op, the flat input indices its window covers (padding
 * excluded), in compressed-row form, and how many positions the window spans including padding; and
 * the reverse, for each input unit the windows that cover it.
 */
final class WindowTable {

    final int[] start;
    final int[] index;
    final int[] paddedCount;
    /** Per input unit: offsets into {@link #window}. */
    final int[] coverStart;
    /** The windows covering each input unit, in compressed-row form. */
    final int[] window;

    WindowTable(TensorShape in, TensorShape out, int kh, int kw, int sh, int sw, Padding pad) {
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
}
