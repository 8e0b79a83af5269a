/**
 * Reading model files: {@link org.salientsi.backend.dl4j.io.ModelFiles} checks a file and tells HDF5
 * from zip by signature before any native library sees it (so that bad files give one-line errors
 * instead of HDF5's stderr traces); {@link org.salientsi.backend.dl4j.io.KerasImporter} and
 * {@link org.salientsi.backend.dl4j.io.ZipImporter} turn files into DL4J networks and DL4J's exceptions
 * into {@link org.salientsi.api.error.ModelLoadException} and
 * {@link org.salientsi.api.error.UnsupportedLayerException}. Internal to the backend.
 */
package org.salientsi.backend.dl4j.io;
