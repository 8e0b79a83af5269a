/**
 * The {@code onnx} model backend: {@link org.salientsi.backend.onnx.OnnxBackendProvider} (found with
 * {@link java.util.ServiceLoader}) opens {@code .onnx} files, translates their graphs (opsets 9 to
 * 21) into the piecewise-linear IR, and runs them in ONNX Runtime for cross-checks.
 *
 * <p>Images arrive channels last (HWC, as NumPy keeps them); the backend feeds ONNX Runtime the
 * model's NCHW layout and the IR its CHW layout. A model whose height and width are dynamic takes
 * the size of each image it is given.
 *
 * @see org.salientsi.backend.onnx.translate.GraphTranslator for the ops translated
 */
package org.salientsi.backend.onnx;
