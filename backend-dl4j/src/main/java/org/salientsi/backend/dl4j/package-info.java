/**
 * The {@code dl4j} model backend: {@link org.salientsi.backend.dl4j.Dl4jBackendProvider} (found with
 * {@link java.util.ServiceLoader}) creates a {@link org.salientsi.backend.dl4j.Dl4jBackend}, which loads
 * Keras 1/2 HDF5 files through DL4J's Keras import and DL4J model zips, translates them into the IR
 * ({@link org.salientsi.api.ir.Network}), and keeps the DL4J network, converted to double precision, for
 * {@code predict} cross-checks only; DL4J never runs inside the selective-inference search.
 *
 * <pre>{@code
 * ModelBackend dl4j = PluginRegistry.load(ModelBackendProvider.class, "backend").get("dl4j").backend();
 * try (LoadedModel model = dl4j.load(Path.of("model_8.h5"), Parameters.empty())) {
 *     Network ir = model.network();          // CHW, whatever the model's layout
 *     double[] y = model.predict(image);     // DL4J's own output, for cross-checks
 * }
 * }</pre>
 */
package org.salientsi.backend.dl4j;
