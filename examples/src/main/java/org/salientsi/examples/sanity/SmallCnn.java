package org.salientsi.examples.sanity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small CAM-ready CNN of the sanity experiments, trained with DL4J: conv 3x3 (8, same) ReLU,
 * max pool 2, conv 3x3 (16, same) ReLU, max pool 2, conv 3x3 (16, same) ReLU, global average pooling,
 * dense softmax. About 3,700 parameters for 10 classes; the saved zip (no updater state) is a few
 * tens of kilobytes. Single-channel square inputs.
 */
public final class SmallCnn {

    private SmallCnn() {
    }

    /**
     * @param side image side
     * @param classes output classes
     * @param learningRate Adam's step
     * @param seed weight seed
     * @return the initialised network
     */
    public static MultiLayerNetwork build(int side, int classes, double learningRate, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(side, side, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * One pass over the data in a seeded random order.
     *
     * @param net the network
     * @param x images, row-major, one channel
     * @param y labels
     * @param classes output classes
     * @param batch minibatch size
     * @param rng the shuffle's randomness
     */
    public static void epoch(MultiLayerNetwork net, float[][] x, int[] y, int classes, int batch,
            SplittableRandom rng) {
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int side = (int) Math.round(Math.sqrt(x[0].length));
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            float[] f = new float[b * side * side];
            float[] l = new float[b * classes];
            for (int i = 0; i < b; i++) {
                System.arraycopy(x[order[start + i]], 0, f, i * side * side, side * side);
                l[i * classes + y[order[start + i]]] = 1f;
            }
            net.fit(new DataSet(Nd4j.create(f, new long[] {b, 1, side, side}, 'c'),
                    Nd4j.create(l, new long[] {b, classes}, 'c')));
        }
    }

    /**
     * @param net the network
     * @param x images
     * @return class probabilities per image
     */
    public static double[][] predict(MultiLayerNetwork net, float[][] x) {
        int side = (int) Math.round(Math.sqrt(x[0].length));
        double[][] out = new double[x.length][];
        int batch = 256;
        for (int start = 0; start < x.length; start += batch) {
            int b = Math.min(batch, x.length - start);
            float[] f = new float[b * side * side];
            for (int i = 0; i < b; i++) {
                System.arraycopy(x[start + i], 0, f, i * side * side, side * side);
            }
            INDArray p = net.output(Nd4j.create(f, new long[] {b, 1, side, side}, 'c'));
            for (int i = 0; i < b; i++) {
                out[start + i] = p.getRow(i).toDoubleVector();
            }
        }
        return out;
    }

    /**
     * @param probabilities per image
     * @param labels true classes
     * @return the fraction whose arg-max is the label
     */
    public static double accuracy(double[][] probabilities, int[] labels) {
        int hit = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < probabilities[i].length; k++) {
                if (probabilities[i][k] > probabilities[i][best]) {
                    best = k;
                }
            }
            hit += best == labels[i] ? 1 : 0;
        }
        return (double) hit / labels.length;
    }

    /**
     * Saves the weights without the updater state.
     *
     * @param net the network
     * @param file the zip
     * @throws IOException on write failure
     */
    public static void save(MultiLayerNetwork net, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ModelSerializer.writeModel(net, file.toFile(), false);
    }
}
