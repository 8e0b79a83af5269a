package org.salientsi.backend.dl4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * The weights a Keras 2 layer has, and their shapes, from the layer's configuration and the type of its
 * input (as DL4J infers it from the architecture alone). Keras' layouts: a {@code Dense} kernel is
 * {@code [in, units]}, a {@code Conv2D} kernel {@code [kh, kw, in / groups, filters]}, a
 * {@code Conv2DTranspose} kernel {@code [kh, kw, filters, in]}, a bias {@code [out]}; batch normalisation
 * keeps {@code gamma} (if {@code scale}), {@code beta} (if {@code center}), {@code moving_mean} and
 * {@code moving_variance} of the channel count.
 */
public final class KerasWeightShapes {

    private KerasWeightShapes() {
    }

    /**
     * @param layer the layer's name
     * @param className its Keras class name
     * @param config its {@code config} object
     * @param input the type of its input, or {@code null} if DL4J inferred none
     * @return its weights by Keras name, in Keras' order, with their shapes (empty for layers without weights)
     * @throws UnsupportedLayerException if the layer has weights of a kind whose shapes are not known here
     *     (no layer that the IR translates), or its input type does not determine them
     */
    public static Map<String, long[]> expected(String layer, String className, JsonNode config, InputType input) {
        Map<String, long[]> w = new LinkedHashMap<>();
        boolean bias = config.path("use_bias").asBoolean(true);
        switch (className) {
            case "Dense" -> {
                long in = features(layer, className, input);
                long units = positive(layer, className, config, "units");
                w.put("kernel", new long[] {in, units});
                putBias(w, bias, units);
            }
            case "Conv2D", "Convolution2D" -> {
                long in = channels(layer, className, input);
                long[] k = kernel(layer, className, config, 2);
                long filters = positive(layer, className, config, "filters");
                long groups = config.path("groups").asLong(1);
                if (groups < 1 || in % groups != 0) {
                    throw new UnsupportedLayerException(layer, className, "groups = " + groups + " does not divide its "
                            + in + " input channels");
                }
                w.put("kernel", new long[] {k[0], k[1], in / groups, filters});
                putBias(w, bias, filters);
            }
            case "Conv1D", "Convolution1D" -> {
                long in = features(layer, className, input);
                long[] k = kernel(layer, className, config, 1);
                long filters = positive(layer, className, config, "filters");
                w.put("kernel", new long[] {k[0], in, filters});
                putBias(w, bias, filters);
            }
            case "Conv2DTranspose", "Deconvolution2D" -> {
                long in = channels(layer, className, input);
                long[] k = kernel(layer, className, config, 2);
                long filters = positive(layer, className, config, "filters");
                w.put("kernel", new long[] {k[0], k[1], filters, in});
                putBias(w, bias, filters);
            }
            case "DepthwiseConv2D" -> {
                long in = channels(layer, className, input);
                long[] k = kernel(layer, className, config, 2);
                long multiplier = config.path("depth_multiplier").asLong(1);
                w.put("depthwise_kernel", new long[] {k[0], k[1], in, multiplier});
                putBias(w, bias, Math.multiplyExact(in, multiplier));
            }
            case "SeparableConv2D", "SeparableConvolution2D" -> {
                long in = channels(layer, className, input);
                long[] k = kernel(layer, className, config, 2);
                long multiplier = config.path("depth_multiplier").asLong(1);
                long filters = positive(layer, className, config, "filters");
                w.put("depthwise_kernel", new long[] {k[0], k[1], in, multiplier});
                w.put("pointwise_kernel", new long[] {1, 1, Math.multiplyExact(in, multiplier), filters});
                putBias(w, bias, filters);
            }
            case "BatchNormalization" -> {
                long c = input instanceof InputType.InputTypeFeedForward ? features(layer, className, input)
                        : channels(layer, className, input);
                if (config.path("scale").asBoolean(true)) {
                    w.put("gamma", new long[] {c});
                }
                if (config.path("center").asBoolean(true)) {
                    w.put("beta", new long[] {c});
                }
                w.put("moving_mean", new long[] {c});
                w.put("moving_variance", new long[] {c});
            }
            case "PReLU" -> w.put("alpha", preluShape(layer, className, config, input));
            default -> {
                // a layer without weights (pooling, padding, activations, merges, reshapes), or one the caller
                // refuses if the file holds weights for it
            }
        }
        return w;
    }

    /**
     * @param className a Keras class name
     * @return whether {@link #expected} knows the weights of this class
     */
    public static boolean knowsWeightsOf(String className) {
        return switch (className) {
            case "Dense", "Conv2D", "Convolution2D", "Conv1D", "Convolution1D", "Conv2DTranspose", "Deconvolution2D",
                    "DepthwiseConv2D", "SeparableConv2D", "SeparableConvolution2D", "BatchNormalization", "PReLU" ->
                    true;
            default -> false;
        };
    }

    private static void putBias(Map<String, long[]> w, boolean bias, long n) {
        if (bias) {
            w.put("bias", new long[] {n});
        }
    }

    private static long features(String layer, String className, InputType input) {
        if (input instanceof InputType.InputTypeFeedForward f) {
            return f.getSize();
        }
        if (input instanceof InputType.InputTypeRecurrent r) {
            return r.getSize();
        }
        throw new UnsupportedLayerException(layer, className, "its input is " + describe(input)
                + ", not a vector: Keras applies it to the last axis, DL4J would flatten the input first");
    }

    private static long channels(String layer, String className, InputType input) {
        if (input instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels();
        }
        if (input instanceof InputType.InputTypeConvolutionalFlat c) {
            return c.getDepth();
        }
        throw new UnsupportedLayerException(layer, className, "its input is " + describe(input)
                + ", not an image");
    }

    private static long[] preluShape(String layer, String className, JsonNode config, InputType input) {
        long[] shape;
        if (input instanceof InputType.InputTypeConvolutional c) {
            shape = new long[] {c.getHeight(), c.getWidth(), c.getChannels()};
        } else if (input instanceof InputType.InputTypeFeedForward f) {
            shape = new long[] {f.getSize()};
        } else {
            throw new UnsupportedLayerException(layer, className, "its input is " + describe(input));
        }
        JsonNode shared = config.path("shared_axes");
        if (shared.isArray()) {
            for (JsonNode a : shared) {
                int axis = a.asInt(0);
                if (axis >= 1 && axis <= shape.length) {
                    shape[axis - 1] = 1;
                }
            }
        }
        return shape;
    }

    private static long[] kernel(String layer, String className, JsonNode config, int rank) {
        JsonNode k = config.path("kernel_size");
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            JsonNode v = k.isArray() ? k.path(i) : k;
            if (!v.canConvertToLong() || v.asLong() < 1) {
                throw new UnsupportedLayerException(layer, className, "has kernel_size " + k + ", not " + rank
                        + " positive integers");
            }
            out[i] = v.asLong();
        }
        if (k.isArray() && k.size() != rank) {
            throw new UnsupportedLayerException(layer, className, "has kernel_size " + k + ", not " + rank
                    + " integers");
        }
        return out;
    }

    private static long positive(String layer, String className, JsonNode config, String key) {
        JsonNode v = config.path(key);
        if (!v.canConvertToLong() || v.asLong() < 1) {
            throw new UnsupportedLayerException(layer, className, "has " + key + " = " + v
                    + ", not a positive integer");
        }
        return v.asLong();
    }

    private static String describe(InputType input) {
        return input == null ? "unknown" : input.toString();
    }
}
