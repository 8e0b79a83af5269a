/**
 * Attention maps of Vision Transformers: the attention of the class token to the image patches, read from
 * the softmax of an attention block (or rolled out over the blocks, Abnar and Zuidema 2020) and spread
 * over each patch's pixels. The map is smooth in the input, not piecewise linear: it has point maps and
 * bounds over segments of the test line, from which the certified search bounds its selective p-value.
 */
package org.salientsi.methods.attention;
