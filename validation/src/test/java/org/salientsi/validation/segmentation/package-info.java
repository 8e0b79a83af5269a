/**
 * The segmentation method on U-Nets exported from PyTorch: exact truncation sets and p-values, null
 * validity, power and time per p-value.
 */
package org.salientsi.validation.segmentation;
