/**
 * PNG pictures of report pages ({@code javax.imageio}), as bytes, files or {@code data:} URIs: images with a region
 * outlined, heat and greyscale maps ({@link org.salientsi.reports.picture.Pictures}), and saliency maps in a
 * {@link org.salientsi.reports.picture.SignMode}'s {@link org.salientsi.reports.picture.Colormap}, alone or blended
 * over their image ({@link org.salientsi.reports.picture.MapPictures}).
 */
package org.salientsi.reports.picture;
