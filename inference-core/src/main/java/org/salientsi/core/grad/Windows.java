package org.salientsi.core.grad;

import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;

/**
 * The input positions of each window of a pooling op, in compressed-row form, row-major within the
 * window and without the padding (the order in which the evaluator compares a max-pool window's
 * entries), and the count a divisor that includes padding uses: the window's extent clipped to the
 * padded input.
 */
final class Windows {

    final int[] start;
    final int[] index;
    final int[] paddedCount;
    final int largest;

    private Windows(int[] start, int[] index, int[] paddedCount) {
        this.start = start;
        this.index = index;
        this.paddedCount = paddedCount;
        int max = 0;
        for (int o = 0; o + 1 < start.length; o++) {
            max = Math.max(max, start[o + 1] - start[o]);
        }
        this.largest = max;
    }

    static Windows of(TensorShape in, TensorShape out, int kh, int kw, int sh, int sw, Padding pad) {
        int n = out.size();
        int[] start = new int[n + 1];
        int[] paddedCount = new int[n];
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
                    paddedCount[o] = (Math.min(h0 + kh, limitH) - h0) * (Math.min(w0 + kw, limitW) - w0);
                    for (int u = 0; u < kh; u++) {
                        int ih = h0 + u;
                        if (ih < 0 || ih >= inH) {
                            continue;
                        }
                        for (int v = 0; v < kw; v++) {
                            int iw = w0 + v;
                            if (iw >= 0 && iw < inW) {
                                buf[k++] = (c * inH + ih) * inW + iw;
                            }
                        }
                    }
                }
            }
        }
        start[n] = k;
        return new Windows(start, java.util.Arrays.copyOf(buf, k), paddedCount);
    }

    /** One window per channel covering the whole plane (global pooling). */
    static Windows global(TensorShape in) {
        return of(in, TensorShape.of(in.channels(), 1, 1), in.height(), in.width(), 1, 1, Padding.NONE);
    }
}
