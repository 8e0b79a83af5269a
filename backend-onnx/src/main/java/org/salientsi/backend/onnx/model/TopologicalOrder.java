package org.salientsi.backend.onnx.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the nodes of a graph so that every node comes after the nodes that produce its inputs, in time
 * linear in the number of nodes and edges: a depth-first search from each node in file order that emits a
 * node once all its producers are emitted. A graph already in topological order keeps its order; otherwise
 * each node comes as early as its file position and its dependencies allow.
 *
 * @param order the nodes in topological order
 * @param steps the work done: node visits plus input edges followed (at most 2 x nodes + 2 x inputs), so
 *     that tests can check linearity without timing
 */
public record TopologicalOrder(List<NodeProto> order, long steps) {

    /** A cycle: the node named lies on it. */
    public static final class CycleException extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient NodeProto node;

        CycleException(NodeProto node) {
            super("node '" + OnnxModelFile.label(node) + "' (" + node.getOpType() + ") lies on a cycle");
            this.node = node;
        }

        /** @return a node on the cycle */
        public NodeProto node() {
            return node;
        }
    }

    /**
     * @param nodes the graph's nodes in file order
     * @param known tensors available before any node runs (graph inputs and initializers); a name no node
     *     produces and not known is treated as available (the caller reports missing tensors)
     * @return the order
     * @throws CycleException if the nodes depend on each other in a cycle
     */
    public static TopologicalOrder of(List<NodeProto> nodes, Set<String> known) throws CycleException {
        int n = nodes.size();
        Map<String, Integer> producer = new HashMap<>(Math.max(16, 2 * n));
        for (int i = 0; i < n; i++) {
            for (String out : nodes.get(i).getOutputList()) {
                if (!out.isEmpty() && !known.contains(out)) {
                    producer.putIfAbsent(out, i);
                }
            }
        }
        byte[] state = new byte[n]; // 0 new, 1 on the stack, 2 emitted
        List<NodeProto> order = new ArrayList<>(n);
        long steps = 0;
        ArrayDeque<int[]> stack = new ArrayDeque<>(); // {node, next input to look at}
        for (int root = 0; root < n; root++) {
            steps++;
            if (state[root] != 0) {
                continue;
            }
            state[root] = 1;
            stack.push(new int[] {root, 0});
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                NodeProto node = nodes.get(top[0]);
                boolean descended = false;
                while (top[1] < node.getInputCount()) {
                    String in = node.getInput(top[1]++);
                    steps++;
                    Integer p = producer.get(in);
                    if (p == null || state[p] == 2) {
                        continue;
                    }
                    if (state[p] == 1) {
                        throw new CycleException(nodes.get(p));
                    }
                    state[p] = 1;
                    stack.push(new int[] {p, 0});
                    steps++;
                    descended = true;
                    break;
                }
                if (!descended) {
                    stack.pop();
                    state[top[0]] = 2;
                    order.add(node);
                }
            }
        }
        return new TopologicalOrder(List.copyOf(order), steps);
    }
}
