/**
 * Reading model files: {@link org.salientsi.backend.dl4j.io.ModelFiles} checks a file and tells HDF5
 * from zip by signature; {@link org.salientsi.backend.dl4j.io.KerasImporter} reads Keras HDF5 files in Java
 * ({@link org.salientsi.backend.dl4j.io.KerasFile}, with size limits before any allocation), parses their
 * configuration with a nesting limit ({@link org.salientsi.backend.dl4j.io.ModelConfigJson}) and checks every
 * weight against the architecture ({@link org.salientsi.backend.dl4j.io.KerasWeights},
 * {@link org.salientsi.backend.dl4j.io.KerasWeightShapes}) before DL4J sees it, so HDF5's C library never
 * reads a Keras file; the activations 'exponential' and 'gelu', which DL4J's Keras import does not know, are
 * given to their layers after the import ({@link org.salientsi.backend.dl4j.io.KerasActivations});
 * {@link org.salientsi.backend.dl4j.io.ZipImporter} reads DL4J zips. DL4J's exceptions
 * become {@link org.salientsi.api.error.ModelLoadException} and
 * {@link org.salientsi.api.error.UnsupportedLayerException}. Internal to the backend.
 */
package org.salientsi.backend.dl4j.io;
