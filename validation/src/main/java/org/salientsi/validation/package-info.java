/**
 * Validation studies (type-I error and power of the selective test, locally or on Spark) and the
 * sanity checks of saliency metrics, masks and input invariance (SANITY.md). Nothing here yet: the
 * studies arrive with their issues.
 */
package org.salientsi.validation;
