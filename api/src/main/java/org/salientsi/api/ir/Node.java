package org.salientsi.api.ir;

import java.util.Arrays;

/**
 * A node of a {@link Network}: an op applied to the outputs of earlier nodes.
 *
 * @param id position in the network's topological order
 * @param name the name of the layer or tensor in the source model (for messages and {@code --cam-layer})
 * @param op the operation
 * @param inputs ids of the input nodes, all smaller than {@code id}
 * @param shape the output shape
 */
public record Node(int id, String name, Op op, int[] inputs, TensorShape shape) implements java.io.Serializable {

    /** Copies {@code inputs}. */
    public Node {
        inputs = inputs.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    /** @return the number of inputs */
    public int inputCount() {
        return inputs.length;
    }

    /**
     * @param i position
     * @return the id of the i-th input
     */
    public int input(int i) {
        return inputs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.id == id && n.name.equals(name) && n.op.equals(op)
                && Arrays.equals(n.inputs, inputs) && n.shape.equals(shape);
    }

    @Override
    public int hashCode() {
        return id * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "#" + id + " " + name + " " + op.type() + Arrays.toString(inputs) + " -> " + shape;
    }
}
