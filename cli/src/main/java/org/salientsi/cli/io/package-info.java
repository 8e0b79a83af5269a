/** Reading and writing the files users pass: NumPy {@code .npy} arrays. */
package org.salientsi.cli.io;
