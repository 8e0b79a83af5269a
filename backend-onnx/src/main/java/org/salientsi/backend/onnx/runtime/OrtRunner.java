package org.salientsi.backend.onnx.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.backend.onnx.model.OnnxModelFile;
import org.salientsi.backend.onnx.model.OnnxTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model: runs a single NCHW sample and returns the first graph
 * output as doubles. The session is created by {@link #open} and released by {@link #close()};
 * {@link #run} may be called from several threads (ONNX Runtime sessions are thread-safe).
 */
public final class OrtRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrtRunner.class);

    private final OnnxModelFile model;
    private final OrtEnvironment env;
    private final OrtSession session;

    private OrtRunner(OnnxModelFile model, OrtEnvironment env, OrtSession session) {
        this.model = model;
        this.env = env;
        this.session = session;
    }

    /**
     * Creates a session from the model's bytes (those the IR was translated from).
     *
     * @param model a validated model
     * @return the runner
     * @throws ModelLoadException if ONNX Runtime refuses the model
     */
    public static OrtRunner open(OnnxModelFile model) throws ModelLoadException {
        long start = System.nanoTime();
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setIntraOpNumThreads(1);
            OrtSession session = env.createSession(model.bytes(), options);
            LOG.debug("{}: ONNX Runtime {} session in {} ms", model.fileName(), env.getVersion(),
                    (System.nanoTime() - start) / 1_000_000);
            return new OrtRunner(model, env, session);
        } catch (OrtException e) {
            throw new ModelLoadException(model.file(), "ONNX Runtime refuses the model: " + firstLine(e.getMessage()),
                    e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }

    /**
     * @return the version of ONNX Runtime
     */
    public String version() {
        return env.getVersion();
    }

    /**
     * Runs one sample.
     *
     * @param chw the sample in CHW order
     * @param channels channels
     * @param height rows
     * @param width columns
     * @return the first graph output, flattened in row-major order without the batch axis
     * @throws IllegalStateException if ONNX Runtime fails (the message is its own)
     */
    public double[] run(double[] chw, int channels, int height, int width) {
        long[] shape = {1, channels, height, width};
        String inputName = model.input().name();
        try (OnnxTensor tensor = tensor(chw, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(model.outputName()))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor out)) {
                throw new IllegalStateException("output '" + model.outputName() + "' is not a tensor");
            }
            return toDoubles(out);
        } catch (OrtException e) {
            throw new IllegalStateException(model.fileName() + ": ONNX Runtime failed: " + firstLine(e.getMessage()),
                    e);
        }
    }

    private OnnxTensor tensor(double[] chw, long[] shape) throws OrtException {
        if (model.input().elementType() == OnnxTypes.DOUBLE) {
            return OnnxTensor.createTensor(env, DoubleBuffer.wrap(chw), shape);
        }
        float[] f = new float[chw.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) chw[i];
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
    }

    private static double[] toDoubles(OnnxTensor out) {
        OnnxJavaType type = out.getInfo().type;
        if (type == OnnxJavaType.FLOAT) {
            FloatBuffer b = out.getFloatBuffer();
            double[] v = new double[b.remaining()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.get(i);
            }
            return v;
        }
        if (type == OnnxJavaType.DOUBLE) {
            DoubleBuffer b = out.getDoubleBuffer();
            double[] v = new double[b.remaining()];
            b.get(v);
            return v;
        }
        throw new IllegalStateException("output has element type " + type + "; expected FLOAT or DOUBLE");
    }

    /** Releases the session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("{}: closing the ONNX Runtime session failed: {}", model.fileName(), e.getMessage());
        }
    }
}
