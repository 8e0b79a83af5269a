/**
 * Reading ONNX files: parsing and validating the {@code ModelProto} (protobuf classes of
 * {@code org.tribuo:tribuo-util-onnx}), the image input, typed attribute access, and decoding
 * tensors stored in typed fields or raw little-endian bytes.
 */
package org.salientsi.backend.onnx.model;
