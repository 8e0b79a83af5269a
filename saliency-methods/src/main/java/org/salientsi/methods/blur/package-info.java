/**
 * The separable Gaussian blur of a map or an image, with a {@link org.salientsi.methods.blur.Border} rule for the
 * pixels outside the plane: used by the {@code smooth:S+SPEC} selector prefix and by the saliency sanity checks.
 */
package org.salientsi.methods.blur;
