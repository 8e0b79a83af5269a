package org.salientsi.backend.dl4j.translate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.salientsi.api.image.ImageShape;

/**
 * What a model's layers say about its input: the layout DL4J expects, and the image size where a
 * preprocessor records it. DL4J configurations do not store their input type, so it is read from the
 * layers that consume the input: a convolution, pooling, upsampling or padding layer gives its data
 * format; a {@link FeedForwardToCnnPreProcessor} (from {@code InputType.convolutionalFlat}) gives the
 * size and channels-first layout; a dense layer reading the input directly means a flat input.
 * Format-neutral layers (activation, dropout, batch normalisation) and vertices are looked through.
 *
 * @param layout the layout of the input array, or {@code null} when the layers do not tell
 * @param shape the image shape, or {@code null} when the layers do not record it
 */
public record InputSpec(Layout layout, ImageShape shape) {

    /**
     * @param graph a model
     * @return its input's layout and, if recorded, its shape (each {@code null} when unknown)
     */
    public static InputSpec detect(Dl4jGraph graph) {
        Deque<String> queue = new ArrayDeque<>(graph.consumers(graph.inputs().get(0)));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!seen.add(name)) {
                continue;
            }
            Dl4jGraph.Vertex v = graph.vertex(name);
            InputPreProcessor pre = v.conf() instanceof PreprocessorVertex p ? p.getPreProcessor() : v.preprocessor();
            if (pre instanceof FeedForwardToCnnPreProcessor f) {
                return new InputSpec(Layout.NCHW, shape(f.getInputHeight(), f.getInputWidth(), f.getNumChannels()));
            }
            if (pre instanceof CnnToFeedForwardPreProcessor c) {
                return new InputSpec(Layout.of(c.getFormat()),
                        shape(c.getInputHeight(), c.getInputWidth(), c.getNumChannels()));
            }
            Layer layer = v.layer();
            if (layer instanceof ConvolutionLayer c) {
                return new InputSpec(Layout.of(c.getCnn2dDataFormat()), null);
            }
            if (layer instanceof SubsamplingLayer s) {
                return new InputSpec(Layout.of(s.getCnn2dDataFormat()), null);
            }
            if (layer instanceof Upsampling2D u) {
                return new InputSpec(Layout.of(u.getFormat()), null);
            }
            if (layer instanceof ZeroPaddingLayer z) {
                return new InputSpec(Layout.of(z.getDataFormat()), null);
            }
            if (layer instanceof GlobalPoolingLayer g && g.getPoolingDimensions() != null) {
                int[] d = g.getPoolingDimensions();
                if (d.length == 2 && d[0] == 1 && d[1] == 2) {
                    return new InputSpec(Layout.NHWC, null);
                }
                if (d.length == 2 && d[0] == 2 && d[1] == 3) {
                    return new InputSpec(Layout.NCHW, null);
                }
            }
            if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                return new InputSpec(Layout.FLAT, null);
            }
            boolean neutral = layer instanceof ActivationLayer || layer instanceof DropoutLayer
                    || layer instanceof BatchNormalization
                    || v.conf() instanceof ElementWiseVertex || v.conf() instanceof MergeVertex;
            if (neutral) {
                queue.addAll(graph.consumers(name));
            }
        }
        return new InputSpec(null, null);
    }

    private static ImageShape shape(long h, long w, long c) {
        return h > 0 && w > 0 && c > 0 ? ImageShape.of((int) h, (int) w, (int) c) : null;
    }
}
