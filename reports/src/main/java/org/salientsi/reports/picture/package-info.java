/**
 * PNG pictures of report pages: images with a region outlined, saliency heat maps and greyscale maps
 * ({@link org.salientsi.reports.picture.Pictures}, javax.imageio), as bytes, files or {@code data:} URIs.
 */
package org.salientsi.reports.picture;
