package org.salientsi.backend.onnx.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.salientsi.api.error.ModelLoadException;

/**
 * An ONNX model file, read and validated: a parsed {@link ModelProto} with a graph, a supported
 * opset of the default domain, embedded tensors only, a well-formed node list and exactly one
 * image input. Immutable.
 *
 * <p>Protobuf accepts many byte strings as a {@code ModelProto} (an empty file is an empty
 * message), so parsing alone proves little: {@link #read(Path)} checks what the translation and
 * ONNX Runtime rely on and reports the first problem as one line naming the file.
 */
public final class OnnxModelFile {

    /** The lowest supported opset of the default domain. */
    public static final int MIN_OPSET = 9;
    /** The highest supported opset of the default domain. */
    public static final int MAX_OPSET = 21;
    /**
     * The deepest nesting of protobuf messages read (protobuf-java's default recursion limit): it bounds
     * the nesting of subgraphs in {@code If}/{@code Loop}/{@code Scan} attributes.
     */
    public static final int MAX_NESTING = 100;

    private final Path file;
    private final byte[] bytes;
    private final String sha256;
    private final ModelProto model;
    private final int opset;
    private final ImageInput input;
    private final String outputName;
    private final List<NodeProto> nodes;

    private OnnxModelFile(Path file, byte[] bytes, String sha256, ModelProto model, int opset, ImageInput input,
                          String outputName, List<NodeProto> nodes) {
        this.file = file;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.model = model;
        this.opset = opset;
        this.input = input;
        this.outputName = outputName;
        this.nodes = nodes;
    }

    /**
     * Reads and validates a model file.
     *
     * @param file an {@code .onnx} file
     * @return the model
     * @throws ModelLoadException if the file is missing, empty, not an ONNX model, truncated, uses
     *     an unsupported opset, external-data tensors, or has no or several image inputs
     */
    public static OnnxModelFile read(Path file) throws ModelLoadException {
        if (!Files.exists(file)) {
            throw new ModelLoadException(file, "no such file", null);
        }
        if (Files.isDirectory(file)) {
            throw new ModelLoadException(file, "is a directory, not an ONNX model file", null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, "no such file", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new ModelLoadException(file, "is empty (0 bytes), not an ONNX model", null);
        }
        ModelProto model;
        try {
            com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(MAX_NESTING);
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException(file, parseFailure(e), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "is not an ONNX model (" + e.getMessage() + ")", e);
        }
        return validate(file, bytes, model);
    }

    private static String parseFailure(InvalidProtocolBufferException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("too many levels of nesting")) {
            return "is not a usable ONNX model: its messages (subgraphs, attributes) nest deeper than protobuf's "
                    + "limit of " + MAX_NESTING + " levels";
        }
        if (m.contains("truncated") || m.contains("ended unexpectedly")) {
            return "is not a complete ONNX model: the protobuf data ends in the middle of a field "
                    + "(truncated or damaged file)";
        }
        int dot = m.indexOf(". ");
        return "is not an ONNX model (protobuf parsing failed: " + (dot > 0 ? m.substring(0, dot) : m) + ")";
    }

    private static OnnxModelFile validate(Path file, byte[] bytes, ModelProto model) throws ModelLoadException {
        if (!model.hasGraph()) {
            throw new ModelLoadException(file, "is not an ONNX model: it parses as protobuf but holds no graph "
                    + "(not a model, or a truncated one)", null);
        }
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < 0) {
            throw new ModelLoadException(file, "has no opset import for the default ONNX domain "
                    + "(every ONNX model declares one; a truncated file can lack it)", null);
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new ModelLoadException(file, "uses opset " + opset + "; supported opsets are " + MIN_OPSET
                    + " to " + MAX_OPSET + " (convert it with onnx.version_converter)", null);
        }
        GraphProto g = model.getGraph();
        if (g.getNodeCount() == 0) {
            throw new ModelLoadException(file, "has an empty graph (no nodes)", null);
        }
        if (g.getOutputCount() == 0) {
            throw new ModelLoadException(file, "has a graph without outputs", null);
        }
        if (g.getSparseInitializerCount() > 0) {
            throw new ModelLoadException(file, "has sparse initializers, which are not supported", null);
        }
        Set<String> known = new HashSet<>();
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            checkTensor(file, t, "initializer '" + t.getName() + "'");
            initializers.add(t.getName());
            known.add(t.getName());
        }
        List<ValueInfoProto> images = new ArrayList<>();
        for (ValueInfoProto vi : g.getInputList()) {
            known.add(vi.getName());
            if (!initializers.contains(vi.getName())) {
                images.add(vi);
            }
        }
        checkNodes(file, g, known);
        checkFinite(file, g);
        List<NodeProto> sorted = topologicalOrder(file, g, known);
        if (images.isEmpty()) {
            throw new ModelLoadException(file, "has no image input (every graph input is an initializer)", null);
        }
        if (images.size() > 1) {
            throw new ModelLoadException(file, "has " + images.size() + " image inputs ("
                    + images.stream().map(v -> "'" + v.getName() + "'").collect(Collectors.joining(", "))
                    + "); the ONNX backend needs exactly one", null);
        }
        ImageInput input = imageInput(file, images.get(0));
        String outputName = g.getOutput(0).getName();
        return new OnnxModelFile(file, bytes, sha256(bytes), model, opset, input, outputName, sorted);
    }

    private static void checkTensor(Path file, TensorProto t, String what) throws ModelLoadException {
        if (Tensors.isExternal(t)) {
            throw new ModelLoadException(file, what + " stores its data in an external file ('"
                    + Tensors.externalLocation(t) + "'); external-data tensors are not supported: save the model "
                    + "with every tensor inside the file (onnx.save_model(model, path, "
                    + "save_as_external_data=False))", null);
        }
        String problem = Tensors.problem(t);
        if (problem != null) {
            throw new ModelLoadException(file, what + " " + problem + " (corrupt tensor)", null);
        }
    }

    /**
     * Refuses NaN and infinite values in initializers and {@code Constant} nodes, with one exception: an
     * infinite (not NaN) bound of {@code Clip} (inputs 1 and 2), which exporters write for a one-sided clip.
     */
    private static void checkFinite(Path file, GraphProto g) throws ModelLoadException {
        Map<String, List<String>> readers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            for (int i = 0; i < n.getInputCount(); i++) {
                String use = "Clip".equals(n.getOpType()) && i > 0 ? "clip-bound" : "other";
                readers.computeIfAbsent(n.getInput(i), k -> new ArrayList<>()).add(use);
            }
        }
        for (TensorProto t : g.getInitializerList()) {
            checkFinite(file, t, t.getName(), "initializer '" + t.getName() + "'", readers);
        }
        for (NodeProto n : g.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasT() && n.getOutputCount() > 0) {
                    checkFinite(file, a.getT(), n.getOutput(0), "attribute '" + a.getName() + "' of node '"
                            + label(n) + "' (" + n.getOpType() + ")", readers);
                }
            }
        }
    }

    private static void checkFinite(Path file, TensorProto t, String tensor, String what,
                                    Map<String, List<String>> readers) throws ModelLoadException {
        long i = Tensors.firstNonFinite(t);
        if (i < 0) {
            return;
        }
        double v = Tensors.valueAt(t, i);
        List<String> uses = readers.getOrDefault(tensor, List.of());
        boolean clipBound = !Double.isNaN(v) && !uses.isEmpty() && uses.stream().allMatch("clip-bound"::equals);
        if (!clipBound) {
            throw new ModelLoadException(file, what + " of dims " + t.getDimsList() + " holds " + v
                    + " at flat index " + i + " (weights and constants must be finite)", null);
        }
    }

    private static void checkNodes(Path file, GraphProto g, Set<String> known) throws ModelLoadException {
        Set<String> produced = new HashSet<>(known);
        for (NodeProto n : g.getNodeList()) {
            if (n.getOutputCount() == 0) {
                throw new ModelLoadException(file, "is malformed: node '" + label(n) + "' (" + n.getOpType()
                        + ") has no output", null);
            }
            for (String out : n.getOutputList()) {
                // ONNX graphs are in single static assignment form: each tensor has one producer
                if (!out.isEmpty() && !produced.add(out)) {
                    throw new ModelLoadException(file, "is malformed: tensor '" + out + "' is produced again by node '"
                            + label(n) + "' (" + n.getOpType() + "); a tensor has one producer (an input, an "
                            + "initializer or one node output)", null);
                }
            }
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasT()) {
                    checkTensor(file, a.getT(), "attribute '" + a.getName() + "' of node '" + label(n) + "'");
                }
            }
        }
        for (NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !produced.contains(in)) {
                    throw new ModelLoadException(file, "is malformed: node '" + label(n) + "' (" + n.getOpType()
                            + ") reads tensor '" + in + "', which no node, initializer or input produces", null);
                }
            }
        }
        for (ValueInfoProto out : g.getOutputList()) {
            if (!produced.contains(out.getName())) {
                throw new ModelLoadException(file, "is malformed: graph output '" + out.getName()
                        + "' is produced by no node", null);
            }
        }
    }

    /** See {@link TopologicalOrder}: linear in nodes and edges. */
    private static List<NodeProto> topologicalOrder(Path file, GraphProto g, Set<String> known)
            throws ModelLoadException {
        try {
            return TopologicalOrder.of(g.getNodeList(), known).order();
        } catch (TopologicalOrder.CycleException e) {
            throw new ModelLoadException(file, "is malformed: " + e.getMessage(), null);
        }
    }

    /**
     * @param n a node
     * @return its name, or its first output's name for an unnamed node
     */
    public static String label(NodeProto n) {
        if (!n.getName().isEmpty()) {
            return n.getName();
        }
        return n.getOutputCount() > 0 ? n.getOutput(0) : n.getOpType();
    }

    private static ImageInput imageInput(Path file, ValueInfoProto vi) throws ModelLoadException {
        TypeProto type = vi.getType();
        if (!type.hasTensorType()) {
            throw new ModelLoadException(file, "input '" + vi.getName() + "' is not a tensor", null);
        }
        TypeProto.Tensor tt = type.getTensorType();
        int elem = tt.getElemType();
        if (elem != OnnxTypes.FLOAT && elem != OnnxTypes.DOUBLE) {
            throw new ModelLoadException(file, "input '" + vi.getName() + "' has element type "
                    + OnnxTypes.name(elem) + "; the ONNX backend takes FLOAT or DOUBLE images", null);
        }
        if (!tt.hasShape() || tt.getShape().getDimCount() != 4) {
            String rank = tt.hasShape() ? "rank " + tt.getShape().getDimCount() : "no declared shape";
            throw new ModelLoadException(file, "input '" + vi.getName() + "' has " + rank
                    + "; the ONNX backend needs an NCHW image input of rank 4", null);
        }
        long[] dims = new long[4];
        String[] names = new String[4];
        for (int i = 0; i < 4; i++) {
            TensorShapeProto.Dimension d = tt.getShape().getDim(i);
            dims[i] = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
            names[i] = d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : null;
        }
        ImageInput input = new ImageInput(vi.getName(), dims, names, elem);
        if (dims[0] > 1) {
            throw new ModelLoadException(file, "input '" + vi.getName() + "' " + input.describe()
                    + " has a fixed batch of " + dims[0] + "; the ONNX backend needs a batch of 1 or a dynamic one",
                    null);
        }
        return input;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the file name, for messages */
    public String fileName() {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** @return a copy of the file's bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the SHA-256 of the file, lower-case hex */
    public String sha256() {
        return sha256;
    }

    /** @return the parsed model */
    public ModelProto model() {
        return model;
    }

    /** @return the opset of the default domain */
    public int opset() {
        return opset;
    }

    /** @return the image input */
    public ImageInput input() {
        return input;
    }

    /** @return the graph's nodes in a topological order */
    public List<NodeProto> nodes() {
        return nodes;
    }

    /** @return the name of the graph output the backend uses (the first) */
    public String outputName() {
        return outputName;
    }
}
