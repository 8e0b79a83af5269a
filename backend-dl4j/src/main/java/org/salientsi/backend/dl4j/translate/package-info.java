/**
 * Translation of DL4J networks into the IR by layer, vertex and preprocessor class
 * ({@link org.salientsi.backend.dl4j.translate.IrTranslator}), over one view of
 * {@code ComputationGraph} and {@code MultiLayerNetwork} ({@link org.salientsi.backend.dl4j.translate.Dl4jGraph}).
 * DL4J activations may be channels first or channels last ({@link org.salientsi.backend.dl4j.translate.Layout});
 * the IR is channels first for every model, so only flattening, concatenation and the arrays of
 * {@code predict} depend on the layout. Internal to the backend.
 */
package org.salientsi.backend.dl4j.translate;
