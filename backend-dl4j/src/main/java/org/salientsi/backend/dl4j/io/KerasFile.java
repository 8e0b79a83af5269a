package org.salientsi.backend.dl4j.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.salientsi.api.error.ModelLoadException;

/**
 * A Keras 2 HDF5 file ({@code model.save('m.h5')}) read in Java (with jHDF), so that no byte of it reaches
 * HDF5's C library: the {@code model_config}, {@code keras_version} and {@code backend} attributes of the
 * root group, and for each layer group under {@code model_weights} the weights its {@code weight_names}
 * attribute lists.
 *
 * <p>Sizes are checked before any weight is read: a weight has rank 0 to {@value #MAX_RANK}, its element
 * count does not overflow, the file holds at most {@value #MAX_PARAMETERS} weights in all, and a weight
 * holds no more bytes than the file has (or, for a compressed weight, {@value #MAX_COMPRESSION} times as
 * many: DEFLATE's largest ratio). Values are read later, by {@link #values}, once the shapes have been
 * checked against the architecture.
 */
public final class KerasFile implements AutoCloseable {

    /** The most weights (elements of all weight datasets) a Keras file may hold: 2^28, 1 GiB as float32. */
    public static final long MAX_PARAMETERS = 1L << 28;
    /** The highest rank of a weight (Conv3D kernels have rank 5). */
    public static final int MAX_RANK = 5;
    /** The largest ratio of a compressed weight's size to the file's size (DEFLATE compresses at most 1032:1). */
    public static final long MAX_COMPRESSION = 1032;
    /** The largest attribute (the model configuration, weight names) read, in bytes. */
    public static final long MAX_ATTRIBUTE_BYTES = 64L << 20;

    /** The group that {@code model.save} writes the weights to. */
    public static final String WEIGHTS_ROOT = "model_weights";

    /**
     * One weight dataset, located and sized but not read.
     *
     * @param layer the name of the layer group it belongs to
     * @param name the weight's name without layer prefix or {@code :0} suffix ({@code kernel}, {@code bias})
     * @param path its path in the file
     * @param shape its dimensions
     */
    public record Weight(String layer, String name, String path, long[] shape) {
        /** @return the shape as {@code [a, b, c]} */
        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private final Path file;
    private final HdfFile hdf;
    private final long fileSize;

    private KerasFile(Path file, HdfFile hdf, long fileSize) {
        this.file = file;
        this.hdf = hdf;
        this.fileSize = fileSize;
    }

    /**
     * Opens a file that {@link ModelFiles#inspect} found to be a complete HDF5 file.
     *
     * @param file the file
     * @param fileSize its size in bytes
     * @return the opened file (close it)
     * @throws ModelLoadException if jHDF cannot parse the HDF5 structure
     */
    public static KerasFile open(Path file, long fileSize) throws ModelLoadException {
        try {
            return new KerasFile(file, new HdfFile(file), fileSize);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * @param name the name of a string attribute of the root group
     * @return its value, or {@code null} if there is no such attribute
     * @throws ModelLoadException if it is not a string or is too large
     */
    public String rootString(String name) throws ModelLoadException {
        try {
            Attribute a = hdf.getAttribute(name);
            if (a == null) {
                return null;
            }
            Object data = attributeData(a);
            if (data instanceof String s) {
                return s.replace("\u0000", "");
            }
            throw new ModelLoadException(file, "has a root attribute '" + name + "' that is not a string", null);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /** @return whether the file has a {@value #WEIGHTS_ROOT} group */
    public boolean hasWeights() throws ModelLoadException {
        try {
            return hdf.getChild(WEIGHTS_ROOT) instanceof Group;
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * Lists the weights of every layer group under {@value #WEIGHTS_ROOT}, in the order of their
     * {@code weight_names}, checking their sizes against the limits of this class.
     *
     * @return for each layer group (by name) its weights
     * @throws ModelLoadException if a weight is missing, not a float dataset, or exceeds a limit; or if a
     *     layer group holds a dataset its {@code weight_names} does not list
     */
    public Map<String, List<Weight>> weights() throws ModelLoadException {
        try {
            if (!(hdf.getChild(WEIGHTS_ROOT) instanceof Group root)) {
                return Map.of();
            }
            Map<String, List<Weight>> out = new LinkedHashMap<>();
            long total = 0;
            for (Node child : root.getChildren().values()) {
                if (!(child instanceof Group layerGroup)) {
                    throw new ModelLoadException(file, "has '" + child.getPath() + "' under " + WEIGHTS_ROOT
                            + ", which is not a layer group", null);
                }
                String layer = layerGroup.getName();
                List<String> names = weightNames(layerGroup);
                List<Weight> weights = new ArrayList<>(names.size());
                for (String weightName : names) {
                    Weight w = locate(layerGroup, layer, weightName);
                    total = Math.addExact(total, elements(w));
                    if (total > MAX_PARAMETERS) {
                        throw new ModelLoadException(file, "holds more than " + MAX_PARAMETERS + " weights (layer '"
                                + layer + "', weight " + w.name() + " of shape " + w.shapeText() + ")", null);
                    }
                    weights.add(w);
                }
                List<String> stray = new ArrayList<>();
                strayDatasets(layerGroup, names, trimSlashes(layerGroup.getPath()), stray, 0);
                if (!stray.isEmpty()) {
                    throw new ModelLoadException(file, "layer '" + layer + "' holds weight " + stray.get(0)
                            + ", which its weight_names do not list (an extra weight)", null);
                }
                out.put(layer, weights);
            }
            return out;
        } catch (ArithmeticException e) {
            throw new ModelLoadException(file, "holds weights whose sizes overflow", e);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    /**
     * Reads a weight's values, once its shape has been checked.
     *
     * @param w a weight from {@link #weights()}
     * @return its values in row-major order, as float32 (as Keras and DL4J keep them)
     * @throws ModelLoadException if the data cannot be read or does not match its shape
     */
    public float[] values(Weight w) throws ModelLoadException {
        try {
            Dataset d = hdf.getDatasetByPath(w.path());
            Object flat = d.getDataFlat();
            long n = elements(w);
            if (flat == null || !flat.getClass().isArray() || Array.getLength(flat) != n) {
                throw new ModelLoadException(file, "layer '" + w.layer() + "': weight " + w.name() + " of shape "
                        + w.shapeText() + " does not hold " + n + " values", null);
            }
            if (flat instanceof float[] f) {
                return f;
            }
            if (flat instanceof double[] v) {
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                return f;
            }
            throw new ModelLoadException(file, "layer '" + w.layer() + "': weight " + w.name()
                    + " is not a floating-point dataset", null);
        } catch (RuntimeException e) {
            throw corrupt(file, e);
        }
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException e) {
            // nothing was written; the channel is gone either way
        }
    }

    /** @return the number of elements of a weight (its shape was checked not to overflow) */
    public static long elements(Weight w) {
        long n = 1;
        for (long d : w.shape()) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private List<String> weightNames(Group layerGroup) throws ModelLoadException {
        Attribute a = layerGroup.getAttribute("weight_names");
        if (a == null) {
            throw new ModelLoadException(file, "layer group '" + layerGroup.getName() + "' under " + WEIGHTS_ROOT
                    + " has no weight_names attribute (not written by Keras' model.save)", null);
        }
        List<String> names = new ArrayList<>();
        if (a.isEmpty() || a.getSize() == 0) {
            return names; // h5py writes an empty list of names as an empty float array
        }
        Object data = attributeData(a);
        if (data instanceof String s) {
            names.add(s);
        } else if (data instanceof String[] array) {
            names.addAll(Arrays.asList(array));
        } else if (data != null && data.getClass().isArray() && Array.getLength(data) == 0) {
            return names; // h5py writes an empty list of names as an empty float array
        } else {
            throw new ModelLoadException(file, "layer group '" + layerGroup.getName()
                    + "' has a weight_names attribute that is not a list of strings", null);
        }
        for (int i = 0; i < names.size(); i++) {
            names.set(i, names.get(i).replace("\u0000", ""));
        }
        return names;
    }

    private Object attributeData(Attribute a) throws ModelLoadException {
        long dims = 1;
        for (long d : a.getDimensionsAsLong()) {
            dims = Math.multiplyExact(dims, Math.max(d, 0));
        }
        if (dims > MAX_ATTRIBUTE_BYTES || a.getSizeInBytes() > MAX_ATTRIBUTE_BYTES) {
            throw new ModelLoadException(file, "has an attribute '" + a.getName() + "' of " + a.getSizeInBytes()
                    + " bytes; at most " + MAX_ATTRIBUTE_BYTES + " are read", null);
        }
        return a.getData();
    }

    private Weight locate(Group layerGroup, String layer, String weightName) throws ModelLoadException {
        if (weightName.isEmpty() || weightName.startsWith("/") || weightName.contains("..")) {
            throw new ModelLoadException(file, "layer '" + layer + "' lists a weight named '" + weightName
                    + "', which is not a path inside its group", null);
        }
        Node node;
        try {
            node = layerGroup.getByPath(weightName);
        } catch (RuntimeException e) {
            node = null;
        }
        if (!(node instanceof Dataset d) || d.isLink()) {
            throw new ModelLoadException(file, "layer '" + layer + "' lists weight '" + weightName
                    + "', but its group holds no such dataset (a missing weight)", null);
        }
        String name = paramName(layer, weightName);
        long[] shape = d.getDimensionsAsLong();
        if (shape.length > MAX_RANK) {
            throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " has rank " + shape.length
                    + "; Keras weights have rank " + MAX_RANK + " at most", null);
        }
        for (long s : shape) {
            if (s < 0) {
                throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " has a negative "
                        + "dimension " + Arrays.toString(shape), null);
            }
        }
        Weight w = new Weight(layer, name, d.getPath(), shape);
        long n;
        try {
            n = elements(w);
        } catch (ArithmeticException e) {
            throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " claims shape "
                    + w.shapeText() + ", whose element count overflows", e);
        }
        if (n > MAX_PARAMETERS) {
            throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " claims shape "
                    + w.shapeText() + " (" + n + " values); a Keras file may hold at most " + MAX_PARAMETERS, null);
        }
        if (!(d.getDataType() instanceof FloatingPoint fp) || fp.getSize() != 4 && fp.getSize() != 8) {
            throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " is not a float32 or "
                    + "float64 dataset", null);
        }
        long bytes = Math.multiplyExact(n, fp.getSize());
        boolean compressed = !d.getFilters().isEmpty();
        DataLayout layout = d.getDataLayout();
        if (layout != DataLayout.CONTIGUOUS && layout != DataLayout.CHUNKED && layout != DataLayout.COMPACT) {
            throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " has an unsupported "
                    + "storage layout " + layout, null);
        }
        long limit = compressed ? Math.multiplyExact(fileSize, MAX_COMPRESSION) : fileSize;
        if (bytes > limit) {
            throw new ModelLoadException(file, "layer '" + layer + "': weight " + name + " claims shape "
                    + w.shapeText() + " (" + bytes + " bytes), more than the " + fileSize + "-byte file can hold"
                    + (compressed ? " even compressed" : ""), null);
        }
        return w;
    }

    private void strayDatasets(Group g, List<String> listed, String base, List<String> out, int depth)
            throws ModelLoadException {
        if (depth > 16) {
            throw new ModelLoadException(file, "has groups nested deeper than 16 levels under " + base, null);
        }
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group sub && !n.isLink()) {
                strayDatasets(sub, listed, base, out, depth + 1);
            } else if (n instanceof Dataset) {
                String path = trimSlashes(n.getPath());
                String rel = path.startsWith(base + "/") ? path.substring(base.length() + 1) : path;
                if (!listed.contains(rel)) {
                    out.add(rel);
                }
            }
        }
    }

    private static String trimSlashes(String path) {
        int a = 0;
        int b = path.length();
        while (a < b && path.charAt(a) == '/') {
            a++;
        }
        while (b > a && path.charAt(b - 1) == '/') {
            b--;
        }
        return path.substring(a, b);
    }

    /**
     * The parameter name DL4J's Keras import uses: the weight name without the layer prefix and the
     * TensorFlow {@code :N} suffix ({@code dense/kernel:0} is {@code kernel}).
     */
    static String paramName(String layer, String weightName) {
        String s = weightName;
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        if (s.startsWith(layer + "_")) {
            s = s.substring(layer.length() + 1);
        }
        s = s.replaceFirst(":\\d+$", "");
        return s;
    }

    private static ModelLoadException corrupt(Path file, RuntimeException e) {
        return new ModelLoadException(file, "is a corrupt or unsupported HDF5 file (" + Messages.oneLine(e) + ")", e);
    }
}
