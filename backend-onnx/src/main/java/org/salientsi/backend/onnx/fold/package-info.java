/**
 * Constant folding of ONNX nodes: the shape arithmetic that exporters emit ({@code Shape},
 * {@code Gather}, {@code Unsqueeze}, {@code Concat}, {@code Slice}, {@code Cast}, {@code Reshape},
 * ...) and elementwise arithmetic, on int64 and floating-point tensors.
 */
package org.salientsi.backend.onnx.fold;
