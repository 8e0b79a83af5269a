package org.salientsi.backend.dl4j.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One view of a {@link ComputationGraph} or a {@link MultiLayerNetwork}: its vertices in topological
 * order, each with its configuration, input preprocessor, inputs and parameters (by DL4J's parameter
 * keys: {@code W}, {@code b}, {@code gamma}, {@code beta}, {@code mean}, {@code var}, ...).
 *
 * <p>A {@code MultiLayerNetwork}'s layers become a chain named after the layers ({@code layer0},
 * {@code layer1}, ... unless named), read from an input named {@value #MLN_INPUT}.
 */
public final class Dl4jGraph {

    /** The name of a {@code MultiLayerNetwork}'s input. */
    public static final String MLN_INPUT = "input";

    /**
     * A vertex.
     *
     * @param name its name in the model
     * @param conf a {@link Layer} configuration for layers, otherwise the vertex configuration (a
     *     {@link org.deeplearning4j.nn.conf.graph.GraphVertex})
     * @param preprocessor the layer's input preprocessor, or {@code null}
     * @param inputs names of its input vertices
     * @param params parameters by key (empty when it has none)
     */
    public record Vertex(String name, Object conf, InputPreProcessor preprocessor, List<String> inputs,
                         Map<String, INDArray> params) {

        /** @return the layer configuration, or {@code null} for other vertices */
        public Layer layer() {
            return conf instanceof Layer l ? l : null;
        }
    }

    private final List<String> inputs;
    private final List<String> outputs;
    private final List<Vertex> vertices;
    private final Map<String, List<String>> consumers = new HashMap<>();
    private final Map<String, Vertex> byName = new HashMap<>();

    private Dl4jGraph(List<String> inputs, List<String> outputs, List<Vertex> vertices) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.vertices = List.copyOf(vertices);
        for (Vertex v : vertices) {
            byName.put(v.name(), v);
            for (String in : v.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(v.name());
            }
        }
    }

    /**
     * @param model a {@link ComputationGraph} or a {@link MultiLayerNetwork}
     * @return its view
     * @throws IllegalArgumentException for other model types
     */
    public static Dl4jGraph of(Model model) {
        if (model instanceof ComputationGraph g) {
            return of(g);
        }
        if (model instanceof MultiLayerNetwork n) {
            return of(n);
        }
        throw new IllegalArgumentException("not a ComputationGraph or MultiLayerNetwork: " + model.getClass());
    }

    private static Dl4jGraph of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> networkInputs = conf.getNetworkInputs();
        List<Vertex> list = new ArrayList<>();
        org.deeplearning4j.nn.graph.vertex.GraphVertex[] runtime = graph.getVertices();
        for (int idx : graph.topologicalSortOrder()) {
            String name = runtime[idx].getVertexName();
            if (networkInputs.contains(name)) {
                continue;
            }
            org.deeplearning4j.nn.conf.graph.GraphVertex cv = conf.getVertices().get(name);
            List<String> in = conf.getVertexInputs().get(name);
            Map<String, INDArray> params = runtime[idx].paramTable(false);
            if (cv instanceof LayerVertex lv) {
                list.add(new Vertex(name, lv.getLayerConf().getLayer(), lv.getPreProcessor(), list(in), map(params)));
            } else {
                list.add(new Vertex(name, cv, null, list(in), map(params)));
            }
        }
        return new Dl4jGraph(networkInputs, conf.getNetworkOutputs(), list);
    }

    private static Dl4jGraph of(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<Vertex> list = new ArrayList<>();
        String previous = MLN_INPUT;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() == null || layer.getLayerName().isBlank() ? "layer" + i
                    : layer.getLayerName();
            list.add(new Vertex(name, layer, conf.getInputPreProcess(i), List.of(previous),
                    map(net.getLayer(i).paramTable())));
            previous = name;
        }
        return new Dl4jGraph(List.of(MLN_INPUT), List.of(previous), list);
    }

    private static List<String> list(List<String> names) {
        return names == null ? List.of() : List.copyOf(names);
    }

    private static Map<String, INDArray> map(Map<String, INDArray> params) {
        return params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** @return the names of the network inputs */
    public List<String> inputs() {
        return inputs;
    }

    /** @return the names of the network outputs */
    public List<String> outputs() {
        return outputs;
    }

    /** @return the vertices other than the inputs, in topological order */
    public List<Vertex> vertices() {
        return vertices;
    }

    /**
     * @param name a vertex name
     * @return the vertex, or {@code null} for an input or an unknown name
     */
    public Vertex vertex(String name) {
        return byName.get(name);
    }

    /**
     * @param name a vertex or input name
     * @return the names of the vertices that read it
     */
    public List<String> consumers(String name) {
        return consumers.getOrDefault(name, List.of());
    }
}
