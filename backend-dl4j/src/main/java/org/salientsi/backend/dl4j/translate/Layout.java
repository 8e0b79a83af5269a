package org.salientsi.backend.dl4j.translate;

import org.deeplearning4j.nn.conf.CNN2DFormat;

/**
 * The memory layout of an activation in DL4J. The IR always holds one sample in CHW order; the layout
 * matters where DL4J reinterprets data: flattening before a dense layer, concatenation, and the input
 * and output arrays of {@code predict}.
 */
public enum Layout {
    /** Channels first, {@code [N, C, H, W]} (DL4J's default). */
    NCHW,
    /** Channels last, {@code [N, H, W, C]} (Keras, and DL4J layers configured with NHWC). */
    NHWC,
    /** A feature vector, {@code [N, F]}. */
    FLAT;

    /**
     * @param format a DL4J 2-D convolution data format
     * @return the layout
     */
    public static Layout of(CNN2DFormat format) {
        return format == CNN2DFormat.NHWC ? NHWC : NCHW;
    }

    /** @return whether this is a convolutional (rank-4) layout */
    public boolean convolutional() {
        return this != FLAT;
    }
}
