/**
 * Support of {@code salientsi sanity}: reading the image, label and mask folders, building the
 * perturbation variants from the options, and printing the short summaries. The checks themselves
 * live in the module {@code salientsi-sanity}, package {@code org.salientsi.sanity}.
 */
package org.salientsi.cli.sanity;
