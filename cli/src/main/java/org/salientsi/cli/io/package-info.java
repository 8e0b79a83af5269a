/**
 * The images a command names: folders and globs of {@code .npy} and {@code .png} files ({@link
 * org.salientsi.cli.io.ImageSet}); the files themselves are read by {@code salientsi-io}
 * ({@link org.salientsi.io.ImageFiles}).
 */
package org.salientsi.cli.io;
