/** Reading the files users pass: NumPy {@code .npy} arrays, PNG images, folders and globs of images. */
package org.salientsi.cli.io;
