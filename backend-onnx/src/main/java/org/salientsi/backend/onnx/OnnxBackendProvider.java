package org.salientsi.backend.onnx;

import java.util.List;
import java.util.Set;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.backend.onnx.model.OnnxModelFile;

/**
 * The {@code onnx} backend's provider, listed in
 * {@code META-INF/services/org.salientsi.api.backend.ModelBackendProvider}. Cheap to instantiate:
 * the backend is created on the first call to {@link #backend()}, and ONNX Runtime's native library
 * loads only when a model first predicts.
 *
 * <pre>{@code
 * ModelBackendProvider onnx = PluginRegistry.load(ModelBackendProvider.class, "backend").get("onnx");
 * try (LoadedModel model = onnx.backend().load(Path.of("model.onnx"), Parameters.empty())) {
 *     Network net = model.network();
 * }
 * }</pre>
 *
 * @see OnnxBackend
 */
public final class OnnxBackendProvider implements ModelBackendProvider {

    /** The backend's name. */
    public static final String NAME = "onnx";

    private volatile ModelBackend backend;

    /** For {@link java.util.ServiceLoader}. */
    public OnnxBackendProvider() {
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "ONNX models (opsets " + OnnxModelFile.MIN_OPSET + " to "
                + OnnxModelFile.MAX_OPSET
                + ") translated into the piecewise-linear IR; ONNX Runtime for native predictions";
    }

    /** {@inheritDoc} */
    @Override
    public int rank() {
        return 10;
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.PIECEWISE_LINEAR_IR, Capabilities.NATIVE_PREDICT);
    }

    /** {@inheritDoc} */
    @Override
    public List<String> fileExtensions() {
        return List.of(".onnx");
    }

    /** {@inheritDoc} */
    @Override
    public ModelBackend backend() {
        ModelBackend b = backend;
        if (b == null) {
            synchronized (this) {
                b = backend;
                if (b == null) {
                    b = new OnnxBackend();
                    backend = b;
                }
            }
        }
        return b;
    }

    @Override
    public String toString() {
        return "OnnxBackendProvider[" + NAME + "]";
    }
}
