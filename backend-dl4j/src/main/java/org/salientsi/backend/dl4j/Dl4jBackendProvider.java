package org.salientsi.backend.dl4j;

import java.util.List;
import java.util.Set;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.backend.ModelBackendProvider;
import org.salientsi.api.spi.Capabilities;

/**
 * The {@code dl4j} backend: Keras 1/2 HDF5 files (through DL4J's Keras import) and DL4J model zips,
 * translated into the IR (piecewise linear, or with sigmoid, tanh, softmax, exp and GELU activations, which the
 * certified search handles), with DL4J's own output for cross-checks. Listed in
 * {@code META-INF/services/org.salientsi.api.backend.ModelBackendProvider}.
 *
 * <p>As DJL's engine providers do, the backend (whose first use loads ND4J's native libraries) is
 * created on the first call to {@link #backend()}, once per class loader, with double-checked locking.
 *
 * @see Dl4jBackend
 */
public final class Dl4jBackendProvider implements ModelBackendProvider {

    /** The backend's name. */
    public static final String NAME = "dl4j";

    private static volatile Dl4jBackend backend;

    /** Creates the provider (for {@link java.util.ServiceLoader}); cheap, loads nothing native. */
    public Dl4jBackendProvider() {
        // nothing to do: the backend is created on first use
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} */
    @Override
    public String description() {
        return "Keras HDF5 (.h5) and DL4J (.zip) models through Deeplearning4j, translated into the IR";
    }

    /** {@inheritDoc} */
    @Override
    public int rank() {
        return 50;
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> capabilities() {
        return Set.of(Capabilities.PIECEWISE_LINEAR_IR, Capabilities.NATIVE_PREDICT);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code .keras} is listed so that a Keras 3 file gets this backend's advice on how to re-save it.
     */
    @Override
    public List<String> fileExtensions() {
        return List.of(".h5", ".hdf5", ".keras", ".zip");
    }

    /** {@inheritDoc} */
    @Override
    public ModelBackend backend() {
        Dl4jBackend b = backend;
        if (b == null) {
            synchronized (Dl4jBackendProvider.class) {
                b = backend;
                if (b == null) {
                    b = new Dl4jBackend();
                    backend = b;
                }
            }
        }
        return b;
    }

    @Override
    public String toString() {
        return "Dl4jBackendProvider[" + NAME + "]";
    }
}
