package org.salientsi.sanity.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers: finite numbers only (NaN and infinities become {@code null}). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** @return the shared mapper (indenting) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param v a number
     * @return it, or {@code null} if not finite
     */
    public static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param v numbers
     * @return them with non-finite values as {@code null}
     */
    public static List<Double> nums(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(num(d));
        }
        return out;
    }

    /**
     * @param m a matrix
     * @return its rows with non-finite values as {@code null}
     */
    public static List<List<Double>> matrix(double[][] m) {
        List<List<Double>> out = new ArrayList<>(m.length);
        for (double[] r : m) {
            out.add(nums(r));
        }
        return out;
    }

    /**
     * @param file destination
     * @param value a tree of maps, lists, strings and numbers
     * @throws IOException on write failure
     */
    public static void write(Path file, Object value) throws IOException {
        MAPPER.writeValue(file.toFile(), value);
    }
}
