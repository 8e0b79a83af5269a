package org.salientsi.backend.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.salientsi.api.spi.Parameters;

/**
 * Small DL4J networks with seeded weights that together cover every layer, vertex and preprocessor type
 * the backend translates, in both data formats.
 */
final class TestNetworks {

    /**
     * A network under test.
     *
     * @param label a name for messages
     * @param model the DL4J network (double precision)
     * @param options the backend options it needs (the image shape, which zips do not record)
     * @param input how DL4J takes the image: {@code "NCHW"}, {@code "NHWC"} or {@code "FLAT"} (HWC order)
     */
    record Spec(String label, Model model, Parameters options, String input) {

        /**
         * @param dir a directory
         * @return the network written there as a DL4J zip
         */
        Path save(Path dir) {
            Path file = dir.resolve(label + ".zip");
            try {
                ModelSerializer.writeModel(model, file.toFile(), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }

    private TestNetworks() {
    }

    /** @return the networks, built afresh */
    static List<Spec> all() {
        return List.of(graphChannelsFirst(), graphChannelsLastResidual(), listFlatInputShape(),
                listChannelsLastFlatten(), graphLossLayer(), listVectorInput(), listDenseToConvolution(),
                graphChannelsLastMapOutput(), graphDeconvolution(), graphDeconvolutionChannelsLast());
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER);
    }

    /**
     * NCHW graph: conv Same stride 2 (odd total padding) + leaky ReLU, batch norm (log10 std), asymmetric
     * zero padding, dilated Truncate conv with padding, max pool Same, upsampling, average pool with
     * padding counted in the divisor, global max pool, dense, softmax output.
     */
    static Spec graphChannelsFirst() {
        ComputationGraphConfiguration conf = base(1).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(10, 9, 2))
                .addLayer("conv_same_s2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4)
                        .convolutionMode(ConvolutionMode.Same).activation(new ActivationLReLU(0.1)).build(), "image")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv_same_s2")
                .addLayer("pad", new ZeroPaddingLayer.Builder(1, 0, 2, 1).build(), "bn")
                .addLayer("conv_dilated", new ConvolutionLayer.Builder(3, 3).dilation(2, 2).padding(1, 1).nOut(5)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build(), "pad")
                .addLayer("max_same", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).build(), "conv_dilated")
                .addLayer("up", new Upsampling2D.Builder(2).build(), "max_same")
                .addLayer("avg_pad", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1)
                        .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).avgPoolIncludePadInDivisor(true)
                        .build(), "up")
                .addLayer("gmax", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "avg_pad")
                .addLayer("dense", new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build(), "gmax")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "dense")
                .setOutputs("out")
                .build();
        return new Spec("graph_nchw", seeded(new ComputationGraph(conf), 11), shape("10x9x2"), "NCHW");
    }

    /**
     * NHWC graph: a residual block (ElementWiseVertex add, ActivationLayer ReLU), a dilated conv, a
     * bias-free 1x1 conv with leaky ReLU, a MergeVertex concat on channels, batch norm, average pool Same
     * excluding padding, global average pool, sigmoid output.
     */
    static Spec graphChannelsLastResidual() {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        ComputationGraphConfiguration conf = base(2).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(8, 8, 3, nhwc))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), "image")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).dilation(2, 2).nOut(4).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "c1")
                .addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c1", "c2")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "residual")
                .addLayer("c3", new ConvolutionLayer.Builder(1, 1).nOut(2).hasBias(false).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(new ActivationLReLU(0.2)).build(), "relu")
                .addVertex("concat", new MergeVertex(), "relu", "c3")
                .addLayer("bn", new BatchNormalization.Builder().dataFormat(nhwc).build(), "concat")
                .addLayer("avg_same", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2)
                        .dataFormat(nhwc).convolutionMode(ConvolutionMode.Same).build(), "bn")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "avg_same")
                .addLayer("out", new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID)
                        .build(), "gap")
                .setOutputs("out")
                .build();
        return new Spec("graph_nhwc_residual", seeded(new ComputationGraph(conf), 12), shape("8x8x3"), "NHWC");
    }

    /**
     * NCHW list with {@code InputType.convolutionalFlat} (the image shape is recorded by the
     * FeedForwardToCnn preprocessor): Strict conv stride 2 with padding, max pool, CnnToFeedForward
     * flatten (CHW), dense, dropout, identity output.
     */
    static Spec listFlatInputShape() {
        MultiLayerConfiguration conf = base(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").stride(2, 2).padding(1, 1).nOut(3)
                        .convolutionMode(ConvolutionMode.Strict).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("max").kernelSize(2, 2).stride(1, 1)
                        .build())
                .layer(new DenseLayer.Builder().name("dense").nOut(5).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.5).name("dropout").build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).name("out").nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutionalFlat(7, 7, 2))
                .build();
        return new Spec("list_nchw_flat_input", seeded(new MultiLayerNetwork(conf), 13), Parameters.empty(),
                "NCHW");
    }

    /**
     * NHWC list: asymmetric zero padding, conv Same 2x2 with leaky ReLU, average pool, upsampling,
     * CnnToFeedForward flatten of channels-last activations (HWC order), dense, softmax.
     */
    static Spec listChannelsLastFlatten() {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        MultiLayerConfiguration conf = base(4).list()
                .layer(new ZeroPaddingLayer.Builder(0, 1, 1, 0).name("pad").dataFormat(nhwc).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv").nOut(3).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(new ActivationLReLU(0.05)).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("avg").kernelSize(2, 2).stride(2, 2)
                        .dataFormat(nhwc).build())
                .layer(new Upsampling2D.Builder(2).name("up").dataFormat(nhwc).build())
                .layer(new DenseLayer.Builder().name("dense").nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).name("out").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 5, 2, nhwc))
                .build();
        return new Spec("list_nhwc_flatten", seeded(new MultiLayerNetwork(conf), 14), shape("6x5x2"), "NHWC");
    }

    /**
     * Graph ending in a LossLayer with softmax: conv Truncate, global average pool without collapsing
     * (then an automatic CnnToFeedForward), dense with identity activation.
     */
    static Spec graphLossLayer() {
        ComputationGraphConfiguration conf = base(5).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(5, 5, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU).build(),
                        "image")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(false).build(),
                        "conv")
                .addLayer("dense", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "gap")
                .addLayer("loss", new LossLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).build(),
                        "dense")
                .setOutputs("loss")
                .build();
        return new Spec("graph_loss_layer", seeded(new ComputationGraph(conf), 15), shape("5x5"), "NCHW");
    }

    /** A list on flat input (images flattened channels last), with batch norm on vectors. */
    static Spec listVectorInput() {
        MultiLayerConfiguration conf = base(6).list()
                .layer(new DenseLayer.Builder().name("dense").nOut(5).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).name("out").nOut(2).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.feedForward(12))
                .build();
        return new Spec("list_vector_input", seeded(new MultiLayerNetwork(conf), 16), shape("2x3x2"), "FLAT");
    }

    /**
     * A list from flat input through a dense layer and an explicit FeedForwardToCnn preprocessor (a
     * reshape) into a conv layer; batch norm with locked gamma and beta on vectors (applied, as both
     * differ from (1, 0)) and on maps (gamma 1.5, beta 0: DL4J then ignores both, and so must the IR).
     */
    static Spec listDenseToConvolution() {
        MultiLayerConfiguration conf = base(7).list()
                .layer(new DenseLayer.Builder().name("dense").nIn(12).nOut(18).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder(2.0, 0.5, true).name("bn_locked").nIn(18).nOut(18).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv").nIn(2).nOut(2).activation(Activation.RELU)
                        .build())
                .layer(new BatchNormalization.Builder(1.5, 0.0, true).name("bn_quirk").nIn(2).nOut(2).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("gmax").build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).name("out").nIn(2).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .inputPreProcessor(2, new FeedForwardToCnnPreProcessor(3, 3, 2))
                .build();
        return new Spec("list_dense_to_cnn", seeded(new MultiLayerNetwork(conf), 17), shape("2x3x2"), "FLAT");
    }

    /** An NHWC graph whose output is a feature map (no output layer): conv Same, upsampling. */
    static Spec graphChannelsLastMapOutput() {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        ComputationGraphConfiguration conf = base(8).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(5, 4, 2, nhwc))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), "image")
                .addLayer("up", new Upsampling2D.Builder(2).dataFormat(nhwc).build(), "conv")
                .setOutputs("up")
                .build();
        return new Spec("graph_nhwc_map_output", seeded(new ComputationGraph(conf), 18), shape("5x4x2"), "NHWC");
    }

    /**
     * NCHW U-Net with transposed convolutions: conv Same + ReLU, max pool 2, deconvolution k2 s2 Truncate +
     * ReLU, merged with the skip on channels, deconvolution k3 s2 Same + leaky ReLU (to 16x12), bias-free
     * deconvolution k(3, 2) Truncate with padding (1, 0) to one map (16x13).
     */
    static Spec graphDeconvolution() {
        ComputationGraphConfiguration conf = base(9).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(8, 6, 1))
                .addLayer("enc", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "image")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "enc")
                .addLayer("up", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(3)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build(), "pool")
                .addVertex("cat", new MergeVertex(), "up", "enc")
                .addLayer("up_same", new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(2)
                        .convolutionMode(ConvolutionMode.Same).activation(new ActivationLReLU(0.1)).build(), "cat")
                .addLayer("map", new Deconvolution2D.Builder(3, 2).stride(1, 1).padding(1, 0).nOut(1).hasBias(false)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).build(), "up_same")
                .setOutputs("map")
                .build();
        return new Spec("graph_deconvolution", seeded(new ComputationGraph(conf), 19), shape("8x6x1"), "NCHW");
    }

    /** NHWC: conv Same + ReLU, deconvolution k4 s2 Same (crops 1 on each side) to a 2-channel map. */
    static Spec graphDeconvolutionChannelsLast() {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        ComputationGraphConfiguration conf = base(10).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(5, 4, 2, nhwc))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build(), "image")
                .addLayer("up", new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(2).dataFormat(nhwc)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "conv")
                .setOutputs("up")
                .build();
        return new Spec("graph_deconvolution_nhwc", seeded(new ComputationGraph(conf), 20), shape("5x4x2"), "NHWC");
    }

    /**
     * The networks with smooth activations inside (not piecewise linear, so outside {@link #all()}, whose
     * networks the conformance kit also walks along lines).
     */
    static List<Spec> smooth() {
        return List.of(graphSmoothChannelsFirst());
    }

    /**
     * NCHW graph with smooth activations inside: conv Same (tanh), ActivationLayer softmax (DL4J takes it
     * along the last array dimension, the columns of NCHW activations), conv 1x1 (sigmoid), global average
     * pool, dense (tanh), softmax output.
     */
    static Spec graphSmoothChannelsFirst() {
        ComputationGraphConfiguration conf = base(21).graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(6, 5, 2))
                .addLayer("conv_tanh", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build(), "image")
                .addLayer("softmax_columns", new ActivationLayer.Builder().activation(Activation.SOFTMAX).build(),
                        "conv_tanh")
                .addLayer("conv_sigmoid", new ConvolutionLayer.Builder(1, 1).nOut(2)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.SIGMOID).build(),
                        "softmax_columns")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv_sigmoid")
                .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "gap")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "dense")
                .setOutputs("out")
                .build();
        return new Spec("graph_smooth_nchw", seeded(new ComputationGraph(conf), 21), shape("6x5x2"), "NCHW");
    }

    private static Parameters shape(String s) {
        return Parameters.empty().with(Dl4jBackend.OPTION_IMAGE_SHAPE, s);
    }

    /** Replaces every parameter (batch-norm statistics included) with seeded N(0, 0.5^2) draws. */
    private static Model seeded(Model model, long seed) {
        if (model instanceof ComputationGraph g) {
            g.init();
        } else {
            ((MultiLayerNetwork) model).init();
        }
        Random r = new Random(seed);
        long n = model.numParams();
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5 * r.nextGaussian();
        }
        model.setParams(Nd4j.create(v, new long[] {1, n}, DataType.DOUBLE));
        return model;
    }
}
