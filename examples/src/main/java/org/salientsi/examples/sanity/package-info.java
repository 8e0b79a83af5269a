/**
 * The sanity-check experiments of issues 11 and 12, which train small DL4J networks (so that
 * {@code validation} never depends on DL4J) and then evaluate them only through the IR:
 * <ul>
 *   <li>{@link org.salientsi.examples.sanity.TrainFashionMnist}: trains the small CNN on Fashion-MNIST
 *       (Debian package {@code dataset-fashion-mnist}) whose weights are committed as
 *       {@code examples/models/sanity/fashion-mnist-cnn.zip};</li>
 *   <li>{@link org.salientsi.examples.sanity.FashionMnistReliability}: Tomsett et al.'s reliability study on
 *       200 test images;</li>
 *   <li>{@link org.salientsi.examples.sanity.ShiftBenchmark}: Viviano et al.'s synthetic shift benchmark,
 *       baseline, masked and shuffled training, 5 seeds each, AUC and IoU per saliency method, and whether
 *       IoU predicts generalisation;</li>
 *   <li>{@link org.salientsi.examples.sanity.ExportImages}: writes test images as {@code .npy} for
 *       {@code salientsi sanity}.</li>
 * </ul>
 * Each is a {@code main}; run them as
 * {@code mvn -B -q -o -pl examples org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.mainClass=CLASS
 * -Dexec.args="..."}.
 */
package org.salientsi.examples.sanity;
