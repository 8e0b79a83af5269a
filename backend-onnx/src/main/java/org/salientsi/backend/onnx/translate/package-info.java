/**
 * Translation of an ONNX graph into the IR ({@link org.salientsi.api.ir.Network}) for one input
 * size: one IR node per ONNX node, named after the node's output tensor, after constant folding.
 * An op outside the supported set is an {@link org.salientsi.api.error.UnsupportedLayerException}
 * naming the node and its op.
 */
package org.salientsi.backend.onnx.translate;
