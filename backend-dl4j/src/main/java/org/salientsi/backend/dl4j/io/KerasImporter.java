package org.salientsi.backend.dl4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * Reads Keras 2 HDF5 files ({@code model.save('m.h5')}) into DL4J networks: functional models
 * ({@code Model}/{@code Functional}) as a {@link ComputationGraph}, {@code Sequential} models as a
 * {@link MultiLayerNetwork}, without the training configuration (no loss layer is appended). The imported
 * graph keeps Keras' channels-last (NHWC) layout.
 *
 * <p>The file is read in Java ({@link KerasFile}): its configuration is parsed with a nesting limit
 * ({@link ModelConfigJson}), DL4J's Keras import builds the layers from the configuration alone, and every
 * weight is checked against the architecture ({@link KerasWeights}: shape and finiteness) before it is
 * handed to DL4J. HDF5's C library never sees the file.
 */
public final class KerasImporter {

    private static final Pattern UNSUPPORTED_LAYER = Pattern.compile("Unsupported keras layer type (\\w+)");
    private static final Pattern UNKNOWN_ACTIVATION = Pattern.compile("Unknown Keras activation function (\\w+)");
    /** DL4J's Keras import keeps static state (configuration, custom layers); imports run one at a time. */
    private static final Object LOCK = new Object();

    private KerasImporter() {
    }

    /**
     * @param file a Keras HDF5 file that {@link ModelFiles#inspect} accepted
     * @return the imported model and the input type the file records
     * @throws ModelLoadException if the file is not a whole Keras 1/2 model, or DL4J cannot read it
     * @throws UnsupportedLayerException if DL4J's importer has no mapping for a layer or activation
     */
    public static Imported load(Path file) throws ModelLoadException {
        synchronized (LOCK) {
            return importFile(file);
        }
    }

    private static Imported importFile(Path file) throws ModelLoadException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + Messages.oneLine(e), e);
        }
        try (KerasFile keras = KerasFile.open(file, size)) {
            String json = keras.rootString("model_config");
            if (json == null) {
                throw new ModelLoadException(file, "is an HDF5 file without a readable model_config attribute (weights "
                        + "only, as model.save_weights writes, or corrupt); save the whole model with "
                        + "model.save('m.h5')",
                        null);
            }
            ObjectNode config = ModelConfigJson.parse(file, json);
            String version = Objects.requireNonNullElse(keras.rootString("keras_version"),
                    config.path("keras_version").asText("")).strip();
            if (majorVersion(version) >= 3) {
                throw Messages.keras3(file, version);
            }
            if (majorVersion(version) != 2) {
                throw new ModelLoadException(file, "records Keras version '" + version + "'; SalientSI reads Keras 2 "
                        + "HDF5 files (re-save the model with Keras 2: model.save('m.h5'))", null);
            }
            config.put("keras_version", version);
            refuseTransposedOptions(layerConfigs(config));
            KerasActivations added = KerasActivations.rewrite(layerConfigs(config));
            String backend = keras.rootString("backend");
            config.put("backend", backend == null ? "tensorflow" : backend);
            String className = config.path("class_name").asText();
            KerasModelBuilder builder = new KerasModel().modelBuilder().modelJson(ModelConfigJson.write(config))
                    .enforceTrainingConfig(false);
            Map<String, Object> dl4jConfig = toMap(config);
            try {
                KerasModel model = "Sequential".equals(className) ? builder.buildSequential() : builder.buildModel();
                if (!(model instanceof KerasSequentialModel)
                        && (model.getInputLayerNames().size() != 1 || model.getOutputLayerNames().size() != 1)) {
                    throw new ModelLoadException(file, "has inputs " + model.getInputLayerNames() + " and outputs "
                            + model.getOutputLayerNames() + "; SalientSI takes models with one input and one output",
                            null);
                }
                if (!keras.hasWeights()) {
                    throw new ModelLoadException(file, "has no " + KerasFile.WEIGHTS_ROOT + " group: it holds the "
                            + "architecture without its weights; save the whole model with model.save('m.h5')", null);
                }
                KerasWeights.attach(file, keras, model, layerConfigs(config), keras.weights());
                if (model instanceof KerasSequentialModel sequential) {
                    MultiLayerNetwork net = sequential.getMultiLayerNetwork(true);
                    added.attach(net);
                    return new Imported(net, inputType(model), "Keras " + version + " Sequential model");
                }
                ComputationGraph graph = model.getComputationGraph(true);
                added.attach(graph);
                return new Imported(graph, inputType(model), "Keras " + version + " " + className + " model");
            } catch (UnsupportedKerasConfigurationException e) {
                throw unsupported(file, dl4jConfig, e);
            } catch (InvalidKerasConfigurationException | RuntimeException e) {
                if (e instanceof UnsupportedLayerException u) {
                    throw u;
                }
                if (keras3Format(dl4jConfig)) {
                    throw Messages.keras3Format(file, version);
                }
                if (e instanceof InvalidKerasConfigurationException) {
                    throw new ModelLoadException(file, "is not a valid Keras model: " + Messages.oneLine(e), e);
                }
                throw (RuntimeException) e;
            }
        } catch (ModelLoadException | UnsupportedLayerException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + Messages.oneLine(e), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "could not be imported by DL4J: " + Messages.oneLine(e), e);
        }
    }

    /** Each layer's class name and configuration, by layer name (functional and Sequential layouts). */
    private static Map<String, KerasWeights.LayerConfig> layerConfigs(JsonNode config) {
        JsonNode inner = config.path("config");
        JsonNode layers = inner.isArray() ? inner : inner.path("layers");
        Map<String, KerasWeights.LayerConfig> out = new HashMap<>();
        for (JsonNode l : layers) {
            JsonNode c = l.path("config");
            String name = l.path("name").isTextual() ? l.path("name").asText() : c.path("name").asText(null);
            if (name != null) {
                out.putIfAbsent(name, new KerasWeights.LayerConfig(l.path("class_name").asText(""), c));
            }
        }
        return out;
    }

    /**
     * Refuses the {@code Conv2DTranspose} forms whose DL4J import differs from Keras: an output padding
     * (DL4J's importer ignores it) and a 'valid' kernel smaller than its stride (Keras adds the missing
     * rows, DL4J does not).
     */
    private static void refuseTransposedOptions(Map<String, KerasWeights.LayerConfig> layers) {
        for (Map.Entry<String, KerasWeights.LayerConfig> e : layers.entrySet()) {
            String type = e.getValue().className();
            if (!type.equals("Conv2DTranspose") && !type.equals("Deconvolution2D")) {
                continue;
            }
            JsonNode c = e.getValue().config();
            JsonNode op = c.path("output_padding");
            if (op.isArray()) {
                for (JsonNode v : op) {
                    if (v.asInt(0) != 0) {
                        throw new UnsupportedLayerException(e.getKey(), type, "output_padding " + op + " is not "
                                + "supported (DL4J's Keras import ignores it)");
                    }
                }
            } else if (op.isNumber() && op.asInt() != 0) {
                throw new UnsupportedLayerException(e.getKey(), type, "output_padding " + op + " is not supported "
                        + "(DL4J's Keras import ignores it)");
            }
            JsonNode k = c.path("kernel_size");
            JsonNode s = c.path("strides");
            if ("valid".equals(c.path("padding").asText()) && k.isArray() && s.isArray() && k.size() == 2
                    && s.size() == 2 && (k.get(0).asInt() < s.get(0).asInt() || k.get(1).asInt() < s.get(1).asInt())) {
                throw new UnsupportedLayerException(e.getKey(), type, "padding 'valid' with kernel_size " + k
                        + " smaller than strides " + s + " is not supported (DL4J's Keras import gives fewer rows "
                        + "than Keras)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode config) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(config, Map.class);
    }

    /** Keras 3 serialises objects with "module" and "registered_name" keys, which DL4J cannot read. */
    private static boolean keras3Format(Map<String, Object> config) {
        return config.containsKey("module") && config.containsKey("registered_name");
    }

    private static int majorVersion(String version) {
        int i = 0;
        while (i < version.length() && Character.isDigit(version.charAt(i))) {
            i++;
        }
        return i == 0 ? -1 : Integer.parseInt(version.substring(0, Math.min(i, 6)));
    }

    private static InputType inputType(KerasModel model) {
        List<String> inputs = model.getInputLayerNames();
        Map<String, InputType> types = model.getOutputTypes();
        return inputs == null || inputs.isEmpty() || types == null ? null : types.get(inputs.get(0));
    }

    /** Maps DL4J's importer errors to the layer they concern (the messages name only the type). */
    private static RuntimeException unsupported(Path file, Map<String, Object> config,
                                                UnsupportedKerasConfigurationException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Matcher layer = UNSUPPORTED_LAYER.matcher(msg);
        if (layer.find()) {
            String type = layer.group(1);
            Map<String, Object> l = findLayer(config, c -> type.equals(c.get("class_name")));
            return new UnsupportedLayerException(l == null ? "?" : layerName(l), type,
                    "DL4J's Keras import has no " + type + " layer, and the IR no translation for it");
        }
        Matcher activation = UNKNOWN_ACTIVATION.matcher(msg);
        if (activation.find()) {
            String act = activation.group(1);
            Map<String, Object> l = findLayer(config, c -> c.get("config") instanceof Map<?, ?> m
                    && act.equals(m.get("activation")));
            return new UnsupportedLayerException(l == null ? "?" : layerName(l),
                    l == null ? "?" : String.valueOf(l.get("class_name")),
                    "activation '" + act + "' is unknown to DL4J's Keras import");
        }
        return new UnsupportedLayerException("?", "?", "DL4J's Keras import refused " + file.getFileName() + ": "
                + Messages.oneLine(e));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> findLayer(Map<String, Object> config, Predicate<Map<String, Object>> test) {
        Object inner = config.get("config");
        Object layers = inner instanceof Map<?, ?> m ? m.get("layers") : inner;
        if (!(layers instanceof List<?> list)) {
            return null;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> l && test.test((Map<String, Object>) l)) {
                return (Map<String, Object>) l;
            }
        }
        return null;
    }

    private static String layerName(Map<String, Object> layer) {
        Object name = layer.get("name");
        if (name == null && layer.get("config") instanceof Map<?, ?> c) {
            name = c.get("name");
        }
        return Objects.toString(name, "?");
    }
}
