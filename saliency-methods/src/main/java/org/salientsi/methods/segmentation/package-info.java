/**
 * Segmentation networks: the map is a spatial output of the network (the logit plane before a final
 * sigmoid or softmax), so that a threshold selector on it gives the segmented region.
 */
package org.salientsi.methods.segmentation;
