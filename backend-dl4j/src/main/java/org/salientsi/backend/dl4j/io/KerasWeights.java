package org.salientsi.backend.dl4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * Checks every weight of a Keras file against the architecture before DL4J uses it, then hands the weights
 * to DL4J's Keras layers. For each layer: the weights it has (from its class, configuration and input type,
 * see {@link KerasWeightShapes}) and the weights the file lists for it must be the same set with the same
 * shapes, and every value must be finite. A mismatch names the layer, the weight and both shapes.
 */
public final class KerasWeights {

    private KerasWeights() {
    }

    /**
     * @param file the model file, for messages
     * @param keras the opened file
     * @param model DL4J's Keras model built from the configuration alone (no weights read)
     * @param layerConfigs each layer's Keras class name and {@code config}, by layer name
     * @param weights the weights the file lists, by layer group (from {@link KerasFile#weights()})
     * @throws ModelLoadException if a weight is missing, extra, of the wrong shape or not finite, or if the
     *     file holds weights for a layer the architecture lacks
     * @throws UnsupportedLayerException if a layer has weights of a kind that cannot be checked
     */
    public static void attach(Path file, KerasFile keras, KerasModel model, Map<String, LayerConfig> layerConfigs,
                              Map<String, List<KerasFile.Weight>> weights) throws ModelLoadException {
        Map<String, KerasLayer> layers = model.getLayers();
        Map<String, InputType> types = model.getOutputTypes();
        for (Map.Entry<String, List<KerasFile.Weight>> e : weights.entrySet()) {
            if (!layers.containsKey(e.getKey()) && !e.getValue().isEmpty()) {
                throw new ModelLoadException(file, "holds weights for layer '" + e.getKey() + "', which the "
                        + "architecture does not have (an extra weight)", null);
            }
        }
        for (KerasLayer layer : model.getLayersOrdered()) {
            String name = layer.getLayerName();
            LayerConfig lc = layerConfigs.get(name);
            String className = lc != null ? lc.className() : layer.getClassName();
            List<KerasFile.Weight> found = weights.getOrDefault(name, List.of());
            if (!KerasWeightShapes.knowsWeightsOf(className)) {
                if (layer.getNumParams() > 0) {
                    throw new UnsupportedLayerException(name, className, "its weights cannot be checked against "
                            + "the architecture (no layer the IR translates)");
                }
                if (!found.isEmpty()) {
                    throw new ModelLoadException(file, "layer '" + name + "' (" + className + ") holds weight "
                            + found.get(0).name() + " " + found.get(0).shapeText() + ", but a " + className
                            + " layer has no weights (an extra weight)", null);
                }
                continue;
            }
            InputType input = inputType(layer, types);
            Map<String, long[]> expected = KerasWeightShapes.expected(name, className,
                    lc == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : lc.config(), input);
            Map<String, KerasFile.Weight> byName = new LinkedHashMap<>();
            for (KerasFile.Weight w : found) {
                if (!expected.containsKey(w.name()) || byName.put(w.name(), w) != null) {
                    throw new ModelLoadException(file, "layer '" + name + "' (" + className + ") holds weight "
                            + w.name() + " " + w.shapeText() + ", which the layer does not have (an extra weight; "
                            + "it has " + describe(expected) + ")", null);
                }
            }
            Map<String, INDArray> arrays = new HashMap<>();
            for (Map.Entry<String, long[]> x : expected.entrySet()) {
                KerasFile.Weight w = byName.get(x.getKey());
                if (w == null) {
                    throw new ModelLoadException(file, "layer '" + name + "' (" + className + ") lacks weight "
                            + x.getKey() + " " + Arrays.toString(x.getValue()) + " (a missing weight)", null);
                }
                if (!Arrays.equals(w.shape(), x.getValue())) {
                    throw new ModelLoadException(file, "layer '" + name + "' (" + className + "): weight "
                            + w.name() + " has shape " + w.shapeText() + ", but the architecture needs "
                            + Arrays.toString(x.getValue()) + " (input " + input + ")", null);
                }
            }
            for (Map.Entry<String, long[]> x : expected.entrySet()) {
                KerasFile.Weight w = byName.get(x.getKey());
                float[] values = keras.values(w);
                for (int i = 0; i < values.length; i++) {
                    if (!Float.isFinite(values[i])) {
                        throw new ModelLoadException(file, "layer '" + name + "' (" + className + "): weight "
                                + w.name() + " " + w.shapeText() + " holds " + values[i] + " at flat index " + i
                                + " (weights must be finite)", null);
                    }
                }
                arrays.put(w.name(), Nd4j.create(values, w.shape(), 'c'));
            }
            if (!arrays.isEmpty()) {
                try {
                    layer.setWeights(arrays);
                } catch (InvalidKerasConfigurationException | RuntimeException ex) {
                    throw new ModelLoadException(file, "layer '" + name + "' (" + className + "): DL4J refused its "
                            + "weights: " + Messages.oneLine(ex), ex);
                }
            }
        }
    }

    private static InputType inputType(KerasLayer layer, Map<String, InputType> types) {
        List<String> inbound = layer.getInboundLayerNames();
        if (inbound == null || inbound.size() != 1 || types == null) {
            return null;
        }
        return types.get(inbound.get(0));
    }

    private static String describe(Map<String, long[]> expected) {
        if (expected.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(Arrays.toString(e.getValue()));
        }
        return b.toString();
    }

    /**
     * A layer's entry in the model configuration.
     *
     * @param className its Keras class name
     * @param config its {@code config} object
     */
    public record LayerConfig(String className, JsonNode config) {
    }
}
