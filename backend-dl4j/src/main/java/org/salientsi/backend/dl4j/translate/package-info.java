/**
 * Translation of DL4J networks into the IR by layer, vertex and preprocessor class
 * ({@link org.salientsi.backend.dl4j.translate.IrTranslator}), over one view of
 * {@code ComputationGraph} and {@code MultiLayerNetwork} ({@link org.salientsi.backend.dl4j.translate.Dl4jGraph}).
 * DL4J activations may be channels first or channels last ({@link org.salientsi.backend.dl4j.translate.Layout});
 * the IR is channels first for every model, so only flattening, concatenation, softmax's axis and the arrays
 * of {@code predict} depend on the layout. Two nd4j activation functions stand in for Keras activations that
 * DL4J's Keras import lacks: {@link org.salientsi.backend.dl4j.translate.ExpActivation} and
 * {@link org.salientsi.backend.dl4j.translate.ExactGeluActivation}. Internal to the backend.
 */
package org.salientsi.backend.dl4j.translate;
