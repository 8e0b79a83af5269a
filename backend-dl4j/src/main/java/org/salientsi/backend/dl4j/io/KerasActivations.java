package org.salientsi.backend.dl4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.backend.dl4j.translate.ExactGeluActivation;
import org.salientsi.backend.dl4j.translate.ExpActivation;

/**
 * The Keras activations that DL4J 1.0.0-M2.1's Keras import does not know but the IR has:
 * {@code 'exponential'} ({@link ExpActivation}) and {@code 'gelu'}, which in Keras 2 is the exact erf form
 * ({@code tf.keras.activations.gelu(x, approximate=False)}; {@link ExactGeluActivation}). Before the
 * import, each layer naming one (a layer's {@code activation}, or an {@code Activation} layer) is rewritten
 * to {@code 'linear'} and remembered; after the import, the DL4J layer gets the function, so that DL4J's
 * network computes what the Keras model does and the translation sees the function.
 *
 * <p>Also refuses a {@code Softmax} layer along an axis other than the last (DL4J's import ignores the
 * axis and takes the last).
 */
final class KerasActivations {

    private static final Map<String, Supplier<IActivation>> ADDED = Map.of(
            "exponential", ExpActivation::new,
            "gelu", ExactGeluActivation::new);

    private final Map<String, IActivation> byLayer;

    private KerasActivations(Map<String, IActivation> byLayer) {
        this.byLayer = byLayer;
    }

    /**
     * Rewrites the layers' activations that DL4J does not know (in place) and checks softmax axes.
     *
     * @param layers each layer's class name and (mutable) configuration, by layer name
     * @return what to attach after the import
     * @throws UnsupportedLayerException for a {@code Softmax} layer along an axis other than -1
     */
    static KerasActivations rewrite(Map<String, KerasWeights.LayerConfig> layers) {
        Map<String, IActivation> byLayer = new HashMap<>();
        for (Map.Entry<String, KerasWeights.LayerConfig> e : layers.entrySet()) {
            JsonNode c = e.getValue().config();
            if ("Softmax".equals(e.getValue().className()) && c.has("axis") && c.path("axis").asInt(0) != -1) {
                throw new UnsupportedLayerException(e.getKey(), "Softmax", "softmax along axis " + c.path("axis")
                        + " is not supported (only the last axis, -1: DL4J's Keras import ignores the axis)");
            }
            Supplier<IActivation> fn = ADDED.get(c.path("activation").asText(""));
            if (fn != null && c instanceof ObjectNode o) {
                o.put("activation", "linear");
                byLayer.put(e.getKey(), fn.get());
            }
        }
        return new KerasActivations(byLayer);
    }

    /**
     * Gives the remembered layers of an imported network their activation function.
     *
     * @param model the {@link ComputationGraph} or {@link MultiLayerNetwork} DL4J built
     * @throws UnsupportedLayerException if DL4J made a remembered layer into something without an activation
     */
    void attach(Model model) {
        for (Map.Entry<String, IActivation> e : byLayer.entrySet()) {
            set(layer(model, e.getKey()), e.getKey(), e.getValue());
        }
    }

    private static Layer layer(Model model, String name) {
        if (model instanceof ComputationGraph g) {
            GraphVertex v = g.getConfiguration().getVertices().get(name);
            return v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
        }
        MultiLayerNetwork n = (MultiLayerNetwork) model;
        for (int i = 0; i < n.getnLayers(); i++) {
            Layer l = n.getLayerWiseConfigurations().getConf(i).getLayer();
            if (name.equals(l.getLayerName())) {
                return l;
            }
        }
        return null;
    }

    private static void set(Layer layer, String name, IActivation fn) {
        if (layer instanceof ActivationLayer a) {
            a.setActivationFn(fn);
        } else if (layer instanceof BaseLayer b) {
            b.setActivationFn(fn);
        } else {
            throw new UnsupportedLayerException(name, layer == null ? "?" : layer.getClass().getSimpleName(),
                    "has activation " + fn + " in its Keras configuration, but DL4J's import made it a layer "
                            + "without an activation");
        }
    }
}
