/**
 * Reading and writing the files users pass to SalientSI: NumPy {@code .npy} arrays ({@link org.salientsi.io.Npy})
 * and PNG images ({@link org.salientsi.io.Png}), by file type through {@link org.salientsi.io.ImageFiles}.
 *
 * <p>Every reader is written for hostile input: it refuses a path that is not a regular file (a folder, a FIFO,
 * a link to {@code /dev/zero}) before opening it, parses the {@code .npy} header as the Python literal it is
 * (never with regular expressions), checks element counts for overflow, against the bytes the file holds and
 * against a {@link org.salientsi.io.ReadLimits limit} before allocating, and reads the PNG header before the
 * image decoder sees the file. A refusal is a {@link org.salientsi.io.FileFormatException} or a
 * {@link org.salientsi.io.SizeLimitException} (both {@link org.salientsi.api.error.InvalidInputException}s)
 * whose message names the file and the problem.
 */
package org.salientsi.io;
