package org.salientsi.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.io.Npy;
import org.salientsi.io.NpyArray;

/**
 * Arrays in a request: a nested JSON array of numbers ({@code [[...], ...]}, row-major, as
 * {@code numpy.ndarray.tolist()} writes it), or an object {@code {"npy": BASE64}} holding the bytes of
 * a {@code .npy} file (float32 or float64, C or Fortran order). Either form may carry {@code "name"}:
 * the label that results and error messages use, as the command line uses the file name (so that a
 * request naming its image {@code x.npy} gets the messages of {@code salientsi test --image x.npy}).
 */
final class JsonArrays {

    /** The largest rank a request array may have (images are rank 2 or 3, covariances rank 2). */
    private static final int MAX_RANK = 8;

    /** Line breaks and blanks that base64 encoders insert. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * A decoded array.
     *
     * @param array the values and shape, labelled for messages
     * @param name the label the client gave, or {@code null}
     */
    record Named(NpyArray array, String name) {
    }

    private JsonArrays() {
    }

    /**
     * @param node the field's value
     * @param field the field's name, the label when the client gives none
     * @return the array
     * @throws InvalidInputException naming the field for anything that is not an array of numbers of
     *     rectangular shape or a readable {@code .npy}
     */
    static Named read(JsonNode node, String field) {
        if (node.isObject()) {
            String name = null;
            JsonNode npy = null;
            JsonNode values = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "name" -> {
                        if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                            throw new InvalidInputException(field + ".name must be a non-empty string");
                        }
                        name = e.getValue().asText();
                    }
                    case "npy" -> npy = e.getValue();
                    case "array" -> values = e.getValue();
                    default -> throw new InvalidInputException("unknown field '" + field + "." + e.getKey()
                            + "'; an array is a nested array of numbers, or {\"npy\": BASE64} or {\"array\": [...]} "
                            + "with an optional \"name\"");
                }
            }
            if ((npy == null) == (values == null)) {
                throw new InvalidInputException(field + " needs exactly one of \"npy\" (the base64 bytes of a .npy "
                        + "file) and \"array\" (a nested array of numbers)");
            }
            String label = name != null ? name : field;
            if (npy != null) {
                if (!npy.isTextual()) {
                    throw new InvalidInputException(field + ".npy must be a base64 string");
                }
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(WHITESPACE.matcher(npy.asText()).replaceAll(""));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(field + ".npy is not valid base64: " + e.getMessage());
                }
                return new Named(Npy.parse(label, bytes), name);
            }
            return new Named(nested(values, label), name);
        }
        if (node.isArray()) {
            return new Named(nested(node, field), null);
        }
        throw new InvalidInputException(field + " must be a nested array of numbers or {\"npy\": BASE64}, got "
                + kind(node));
    }

    /** Reads a rectangular nested array of numbers, in row-major order. */
    private static NpyArray nested(JsonNode node, String label) {
        List<Integer> shape = new ArrayList<>();
        JsonNode n = node;
        while (n.isArray()) {
            if (shape.size() == MAX_RANK) {
                throw new InvalidInputException(label + " is nested deeper than " + MAX_RANK + " levels");
            }
            shape.add(n.size());
            if (n.size() == 0) {
                break;
            }
            n = n.get(0);
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        // the shape is that of the first element at each depth: a client may claim a large one with a
        // few values, so every value is checked to be there before the array is allocated
        int count = fill(node, dims, 0, null, 0, label);
        double[] values = new double[count];
        fill(node, dims, 0, values, 0, label);
        return NpyArray.of(label, dims, values);
    }

    /**
     * Walks a nested array of the given shape, refusing any other shape; copies its values when
     * {@code out} is given.
     *
     * @return the offset after the last value
     */
    private static int fill(JsonNode node, int[] dims, int depth, double[] out, int offset, String label) {
        if (depth == dims.length) {
            if (!node.isNumber()) {
                throw new InvalidInputException(label + " holds " + kind(node) + " where a number is expected (a "
                        + "nested array must be rectangular, of numbers only)");
            }
            if (out != null) {
                out[offset] = node.asDouble();
            }
            return offset + 1;
        }
        if (!node.isArray() || node.size() != dims[depth]) {
            throw new InvalidInputException(label + " is not rectangular: at depth " + depth + " expected an array of "
                    + dims[depth] + " values, got " + (node.isArray() ? "an array of " + node.size() : kind(node)));
        }
        int o = offset;
        for (JsonNode child : node) {
            o = fill(child, dims, depth + 1, out, o, label);
        }
        return o;
    }

    /**
     * @param node a JSON value
     * @return its kind, for messages
     */
    static String kind(JsonNode node) {
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isArray() ? "an array" : "an object";
    }
}
