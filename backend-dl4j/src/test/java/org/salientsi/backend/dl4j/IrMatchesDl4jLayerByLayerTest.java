package org.salientsi.backend.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.ir.Node;
import org.salientsi.api.spi.Parameters;
import org.salientsi.backend.dl4j.io.KerasImporter;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every DL4J layer's activation equals the IR node named after it (the node after the layer's
 * activation), for the Java-built networks, the Keras fixtures and the paper's models, in double
 * precision. Logs the largest error per network (output, and over all layers).
 */
class IrMatchesDl4jLayerByLayerTest {

    private static final Logger LOG = LoggerFactory.getLogger(IrMatchesDl4jLayerByLayerTest.class);

    @TempDir
    static Path dir;

    static Stream<Arguments> networks() {
        List<Arguments> list = new ArrayList<>();
        for (TestNetworks.Spec spec : concat(TestNetworks.all(), TestNetworks.smooth())) {
            list.add(Arguments.of(spec.label(), spec, spec.save(dir)));
        }
        list.add(keras("keras/functional_mixed.h5", false));
        list.add(keras("keras/sequential_flatten.h5", true));
        list.add(keras("keras/functional_mlp.h5", false));
        list.add(keras("keras/functional_unet.h5", false));
        list.add(kerasWithAddedActivations("keras/functional_smooth_cnn.h5"));
        list.add(kerasWithAddedActivations("keras/sequential_smooth_mlp.h5"));
        for (int size : new int[] {8, 16, 32, 64}) {
            list.add(keras(TestModels.paperModel(size), false, "paper model_" + size, false));
        }
        return list.stream();
    }

    private static Arguments keras(String resource, boolean sequential) {
        return keras(TestModels.resourceFile(resource, dir), sequential, "keras " + resource.replace("keras/", ""),
                false);
    }

    private static Arguments kerasWithAddedActivations(String resource) {
        return keras(TestModels.resourceFile(resource, dir), false, "keras " + resource.replace("keras/", ""), true);
    }

    /**
     * The Keras file, and DL4J's import of it in double precision: DL4J's own {@link KerasModelImport}, or for
     * files with activations it does not know ('exponential', 'gelu') the backend's importer, which gives
     * those layers nd4j implementations of them.
     */
    private static Arguments keras(Path file, boolean sequential, String label, boolean ownImporter) {
        try {
            Model m;
            if (ownImporter) {
                m = KerasImporter.load(file).model();
            } else {
                m = sequential ? KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false)
                        : KerasModelImport.importKerasModelAndWeights(file.toString(), false);
            }
            m = m instanceof ComputationGraph g ? g.convertDataType(DataType.DOUBLE)
                    : ((MultiLayerNetwork) m).convertDataType(DataType.DOUBLE);
            return Arguments.of(label, new TestNetworks.Spec(label, m, Parameters.empty(), "NHWC"), file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<TestNetworks.Spec> concat(List<TestNetworks.Spec> a, List<TestNetworks.Spec> b) {
        List<TestNetworks.Spec> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyLayerOfTheIrEqualsDl4jsActivation(String label, TestNetworks.Spec spec, Path file) throws Exception {
        try (LoadedModel loaded = TestModels.backend().load(file, spec.options())) {
            CompiledNetwork program = CompiledNetwork.compile(loaded.network());
            PointEvaluator ir = program.pointEvaluator();
            ImageShape shape = loaded.imageShape();
            SplittableRandom rng = new SplittableRandom(label.hashCode());
            double worstLayer = 0;
            double worstOutput = 0;
            int compared = 0;
            for (int k = 0; k < 3; k++) {
                double[] hwc = new double[shape.size()];
                for (int i = 0; i < hwc.length; i++) {
                    hwc[i] = 2 * rng.nextDouble() - 1;
                }
                Image image = Image.of(shape, hwc);
                ir.evaluate(image.toChw());
                Map<String, INDArray> acts = activations(spec, image);
                Set<String> overwritten = overwrittenInPlace(spec.model());
                for (Map.Entry<String, INDArray> e : acts.entrySet()) {
                    Optional<Node> node = loaded.network().node(e.getKey());
                    if (node.isEmpty() || node.get().id() == loaded.network().input()
                            || overwritten.contains(e.getKey())) {
                        continue;
                    }
                    double[] expected = chw(e.getValue(), node.get(), spec.input());
                    double err = TestModels.relativeError(ir.value(node.get().id()), expected);
                    assertThat(err).as("%s: layer %s (IR node %s)", label, e.getKey(), node.get()).isLessThan(1e-10);
                    worstLayer = Math.max(worstLayer, err);
                    compared++;
                }
                double[] native1 = loaded.predict(image);
                worstOutput = Math.max(worstOutput, TestModels.relativeError(ir.value(loaded.network().output()),
                        native1));
            }
            assertThat(worstOutput).as("%s: output", label).isLessThan(1e-10);
            assertThat(compared).as("%s: layers compared", label).isGreaterThan(0);
            LOG.info("IR vs DL4J (double) {}: max relative error output {}, over {} layer activations {}",
                    String.format("%-26s", label), String.format("%.2e", worstOutput), compared,
                    String.format("%.2e", worstLayer));
        }
    }

    /**
     * The layers whose array in DL4J's {@code feedForward} result an {@link ActivationLayer} overwrites
     * in place (it applies its activation to its input array in inference): their recorded values are
     * the activation layer's output, which is compared under the activation layer's own name.
     */
    private static Set<String> overwrittenInPlace(Model model) {
        Set<String> out = new HashSet<>();
        if (model instanceof ComputationGraph g) {
            g.getConfiguration().getVertices().forEach((name, v) -> {
                if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ActivationLayer) {
                    out.addAll(g.getConfiguration().getVertexInputs().get(name));
                }
            });
        } else {
            MultiLayerNetwork n = (MultiLayerNetwork) model;
            for (int i = 1; i < n.getnLayers(); i++) {
                if (n.getLayerWiseConfigurations().getConf(i).getLayer() instanceof ActivationLayer) {
                    String name = n.getLayerWiseConfigurations().getConf(i - 1).getLayer().getLayerName();
                    out.add(name == null ? "layer" + (i - 1) : name);
                }
            }
        }
        return out;
    }

    /** DL4J's activations by layer name, for one image laid out as the network takes it. */
    private static Map<String, INDArray> activations(TestNetworks.Spec spec, Image image) {
        ImageShape s = image.shape();
        INDArray x = switch (spec.input()) {
            case "NHWC" -> Nd4j.create(image.toArray(), new long[] {1, s.height(), s.width(), s.channels()},
                    DataType.DOUBLE);
            case "NCHW" -> Nd4j.create(image.toChw(), new long[] {1, s.channels(), s.height(), s.width()},
                    DataType.DOUBLE);
            default -> Nd4j.create(image.toArray(), new long[] {1, s.size()}, DataType.DOUBLE);
        };
        if (spec.model() instanceof ComputationGraph g) {
            return g.feedForward(x, false);
        }
        MultiLayerNetwork n = (MultiLayerNetwork) spec.model();
        List<INDArray> list = n.feedForward(x, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < n.getnLayers(); i++) {
            String name = n.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName();
            out.put(name == null ? "layer" + i : name, list.get(i + 1));
        }
        return out;
    }

    /** A DL4J activation of one sample in the IR's CHW order, its layout told by the IR node's shape. */
    private static double[] chw(INDArray a, Node node, String inputLayout) {
        INDArray x = a.castTo(DataType.DOUBLE);
        if (x.rank() == 4) {
            long[] sh = x.shape();
            int c = node.shape().channels();
            int h = node.shape().height();
            int w = node.shape().width();
            boolean nchw = sh[1] == c && sh[2] == h && sh[3] == w;
            boolean nhwc = sh[1] == h && sh[2] == w && sh[3] == c;
            assertThat(nchw || nhwc).as("DL4J shape %s vs IR %s", java.util.Arrays.toString(sh), node).isTrue();
            if (nhwc && (!nchw || "NHWC".equals(inputLayout))) {
                x = x.permute(0, 3, 1, 2);
            }
        }
        return Nd4j.toFlattened('c', x).toDoubleVector();
    }
}
