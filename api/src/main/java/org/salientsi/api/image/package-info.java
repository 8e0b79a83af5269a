/**
 * Images as users hold them (height x width x channels, channels last, as NumPy stores them) and
 * regions of their pixel grid.
 */
package org.salientsi.api.image;
