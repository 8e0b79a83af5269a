/**
 * ONNX Runtime sessions, scoped to one loaded model and closed with it; used for native predictions
 * that cross-check the IR.
 */
package org.salientsi.backend.onnx.runtime;
