package org.salientsi.backend.dl4j.io;

import java.nio.file.Path;
import org.salientsi.api.error.ModelLoadException;

/** Turns DL4J's multi-line exception messages into one readable line. */
public final class Messages {

    private Messages() {
    }

    /**
     * @param t a throwable
     * @return the first line of its message (or of its cause's, or its class name), without DL4J's
     *     trailing "For more information, see ..." and "Please file an issue at ..." sentences
     */
    public static String oneLine(Throwable t) {
        Throwable x = t;
        while (x != null && (x.getMessage() == null || x.getMessage().isBlank()) && x.getCause() != null
                && x.getCause() != x) {
            x = x.getCause();
        }
        String msg = x == null || x.getMessage() == null || x.getMessage().isBlank()
                ? t.getClass().getSimpleName() : x.getMessage();
        msg = msg.strip();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl).strip();
        }
        for (String tail : new String[] {"For more information, see", "Please file an issue at"}) {
            int i = msg.indexOf(tail);
            if (i >= 0) {
                msg = msg.substring(0, i).strip();
            }
        }
        while (msg.endsWith("..") || msg.endsWith(". .")) {
            msg = msg.substring(0, msg.length() - 1);
        }
        if (msg.endsWith(".")) {
            msg = msg.substring(0, msg.length() - 1);
        }
        return msg;
    }

    /**
     * The error for a Keras 3 file, which DL4J's importer cannot read.
     *
     * @param file the model file
     * @param kerasVersion the Keras version the file records
     * @return the exception, saying how to re-save the model
     */
    public static ModelLoadException keras3(Path file, String kerasVersion) {
        return new ModelLoadException(file, "is a Keras " + kerasVersion + " model, but " + RESAVE, null);
    }

    /**
     * The error for a file whose configuration is in Keras 3's format whatever its version attribute.
     *
     * @param file the model file
     * @param kerasVersion the Keras version the file records
     * @return the exception, saying how to re-save the model
     */
    public static ModelLoadException keras3Format(Path file, String kerasVersion) {
        return new ModelLoadException(file, "has a Keras 3 model configuration (its keras_version says "
                + kerasVersion + "), but " + RESAVE, null);
    }

    private static final String RESAVE = "DL4J's Keras import reads Keras 1 and 2 HDF5 files only: rebuild the "
            + "model in Keras 2 (tf.keras of TensorFlow <= 2.15, or the tf_keras package), load its weights, and save "
            + "it as HDF5 with model.save('m.h5')";
}
