package org.salientsi.api.ir;

import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;

/**
 * A model in the IR: nodes in topological order (node {@code i} reads only nodes {@code < i}), one
 * {@link Input} node and one output node. Immutable and safe to share across threads.
 *
 * <pre>{@code
 * Network.Builder b = Network.builder(TensorShape.of(1, 8, 8));
 * int conv = b.add("conv1", Conv2d.of(4, 1, 3, 3, w, bias, Padding.symmetric(1)), b.input());
 * int relu = b.add("relu1", new Relu(), conv);
 * int gap = b.add("gap", new GlobalAvgPool(), relu);
 * int dense = b.add("dense", new Dense(4, 1, dw, db), gap);
 * Network net = b.build(b.add("sigmoid", new Sigmoid(), dense));
 * }</pre>
 *
 * <p>Serialisable (a cluster's executors get a model as its IR): the serial form is the nodes' names,
 * ops and inputs and the output's id, and reading it rebuilds the network through {@link Builder},
 * which checks every op and shape again.
 */
public final class Network implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Node> nodes;
    private final int input;
    private final int output;
    private final Map<String, Integer> byName;
    private final int[][] consumers;

    private Network(List<Node> nodes, int input, int output) {
        this.nodes = List.copyOf(nodes);
        this.input = input;
        this.output = output;
        Map<String, Integer> names = new HashMap<>();
        List<List<Integer>> cons = new ArrayList<>();
        for (Node n : nodes) {
            names.putIfAbsent(n.name(), n.id());
            cons.add(new ArrayList<>());
        }
        for (Node n : nodes) {
            for (int i : n.inputs()) {
                cons.get(i).add(n.id());
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.consumers = new int[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            consumers[i] = cons.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param inputShape the shape of one input sample (CHW)
     * @return a builder whose node 0 is the input
     */
    public static Builder builder(TensorShape inputShape) {
        return new Builder(inputShape);
    }

    /** @return the nodes in topological order */
    public List<Node> nodes() {
        return nodes;
    }

    /** @return the number of nodes */
    public int size() {
        return nodes.size();
    }

    /**
     * @param id node id
     * @return the node
     */
    public Node node(int id) {
        return nodes.get(id);
    }

    /**
     * @param name a node name
     * @return the first node with that name
     */
    public Optional<Node> node(String name) {
        Integer id = byName.get(name);
        return id == null ? Optional.empty() : Optional.of(nodes.get(id));
    }

    /** @return the id of the input node */
    public int input() {
        return input;
    }

    /** @return the id of the output node */
    public int output() {
        return output;
    }

    /** @return the input shape */
    public TensorShape inputShape() {
        return nodes.get(input).shape();
    }

    /** @return the output shape */
    public TensorShape outputShape() {
        return nodes.get(output).shape();
    }

    /**
     * @param id node id
     * @return the ids of the nodes that read node {@code id}, increasing
     */
    public int[] consumers(int id) {
        return consumers[id].clone();
    }

    /**
     * @param newOutput a node id
     * @return the same graph with another output node
     */
    public Network withOutput(int newOutput) {
        if (newOutput < 0 || newOutput >= nodes.size()) {
            throw InvalidValueException.of("no node %d in a network of %d nodes", newOutput, nodes.size());
        }
        return new Network(nodes, input, newOutput);
    }

    /** @return one line per node */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append(n).append(n.id() == output ? "  (output)" : "").append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Network[" + nodes.size() + " nodes, input " + inputShape() + ", output " + outputShape() + "]";
    }

    @Serial
    private Object writeReplace() {
        return new SerialForm(nodes, output);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("a network is read through its serial form");
    }

    /**
     * The serial form of a network: its nodes and its output's id.
     *
     * @param nodes the nodes in topological order, the input first
     * @param output the output node's id
     */
    private record SerialForm(List<Node> nodes, int output) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws java.io.InvalidObjectException {
            if (nodes == null || nodes.isEmpty() || !(nodes.get(0).op() instanceof Input in)) {
                throw new java.io.InvalidObjectException("a serialised network must start with its Input node");
            }
            try {
                Builder b = builder(in.shape());
                for (Node n : nodes.subList(1, nodes.size())) {
                    b.add(n.name(), n.op(), n.inputs());
                }
                return b.build(output);
            } catch (RuntimeException e) {
                java.io.InvalidObjectException bad = new java.io.InvalidObjectException("a serialised network is "
                        + "invalid: " + e.getMessage());
                bad.initCause(e);
                throw bad;
            }
        }
    }

    /** Builds a network node by node, inferring and checking shapes. Not thread-safe. */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();

        private Builder(TensorShape inputShape) {
            nodes.add(new Node(0, "input", new Input(inputShape), new int[0], inputShape));
        }

        /** @return the id of the input node (0) */
        public int input() {
            return 0;
        }

        /** @return the id of the last node added */
        public int last() {
            return nodes.size() - 1;
        }

        /**
         * @param id a node added earlier
         * @return its output shape
         */
        public TensorShape shape(int id) {
            return nodes.get(id).shape();
        }

        /**
         * Adds a node.
         *
         * @param name its name (need not be unique; lookups by name find the first)
         * @param op the operation
         * @param inputs ids of earlier nodes
         * @return the new node's id
         * @throws ShapeMismatchException if the inputs do not fit the op
         */
        public int add(String name, Op op, int... inputs) {
            if (op instanceof Input) {
                throw new InvalidValueException("a network has exactly one Input node");
            }
            int arity = op.arity();
            if (arity >= 0 && inputs.length != arity) {
                throw new ShapeMismatchException(op.type() + " '" + name + "' takes " + arity + " input(s), got "
                        + inputs.length);
            }
            List<TensorShape> shapes = new ArrayList<>(inputs.length);
            for (int in : inputs) {
                if (in < 0 || in >= nodes.size()) {
                    throw InvalidValueException.of("node '%s' reads node %d, which does not exist yet", name, in);
                }
                shapes.add(nodes.get(in).shape());
            }
            TensorShape out;
            try {
                out = op.outputShape(shapes);
            } catch (ShapeMismatchException | InvalidValueException e) {
                throw new ShapeMismatchException("node '" + name + "': " + e.getMessage());
            }
            int id = nodes.size();
            nodes.add(new Node(id, name == null ? op.type().toLowerCase(java.util.Locale.ROOT) + id : name, op,
                    inputs, out));
            return id;
        }

        /** @return the network whose output is the last node added */
        public Network build() {
            return build(last());
        }

        /**
         * @param output the output node
         * @return the network
         */
        public Network build(int output) {
            if (output < 0 || output >= nodes.size()) {
                throw InvalidValueException.of("no node %d to use as output", output);
            }
            return new Network(nodes, 0, output);
        }
    }
}
