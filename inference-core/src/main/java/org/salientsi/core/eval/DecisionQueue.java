package org.salientsi.core.eval;

import java.util.Arrays;

/**
 * An indexed min-heap of decisions keyed by the root ahead of the current point: the next breakpoint
 * is the smallest key, and a decision's key can be changed in {@code O(log n)} because the heap keeps
 * each decision's position. The heap is 4-ary (shallower than a binary one, and a node's children are
 * adjacent in memory), over parallel arrays of ids and keys. Decisions with no root ahead (key
 * {@code +inf}), or with their root beyond the horizon (where the walk stops), are kept out of the heap.
 * Primitive arrays only; nothing is allocated after construction.
 */
final class DecisionQueue {

    private static final int ARITY = 4;

    private final double[] key;
    private final int[] position;
    private final int[] heap;
    private final double[] heapKey;
    private int size;
    private double horizon = Double.POSITIVE_INFINITY;

    /**
     * @param capacity the number of decisions (ids {@code 0 .. capacity - 1})
     */
    DecisionQueue(int capacity) {
        this.key = new double[capacity];
        this.position = new int[capacity];
        this.heap = new int[capacity];
        this.heapKey = new double[capacity];
        Arrays.fill(key, Double.POSITIVE_INFINITY);
        Arrays.fill(position, -1);
    }

    /** @return the number of decisions with a root ahead */
    int size() {
        return size;
    }

    /** @return the smallest key, {@code +inf} when no decision has a root ahead */
    double minKey() {
        return size == 0 ? Double.POSITIVE_INFINITY : heapKey[0];
    }

    /** @return the decision with the smallest key; the queue must not be empty */
    int minId() {
        return heap[0];
    }

    /**
     * Sets the horizon: keys beyond it count as {@code +inf} from the next {@link #rebuild} or
     * {@link #update} on (keys set with {@link #setUnordered} are kept whole until the rebuild).
     *
     * @param value the horizon
     */
    void setHorizon(double value) {
        horizon = value;
    }

    /**
     * Sets a key without maintaining the heap; call {@link #rebuild} after a batch of these.
     *
     * @param id a decision
     * @param value its key ({@code +inf} or NaN: none)
     */
    void setUnordered(int id, double value) {
        key[id] = value < Double.POSITIVE_INFINITY ? value : Double.POSITIVE_INFINITY;
    }

    /**
     * Rebuilds the heap from the keys (Floyd's heap construction, linear time); keys beyond the horizon
     * become {@code +inf}.
     *
     * @return the smallest key before that (the next root, even beyond the horizon)
     */
    double rebuild() {
        size = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int id = 0; id < key.length; id++) {
            double k = key[id];
            if (k < smallest) {
                smallest = k;
            }
            if (!(k <= horizon)) {
                key[id] = Double.POSITIVE_INFINITY;
            }
            if (key[id] < Double.POSITIVE_INFINITY) {
                heap[size] = id;
                heapKey[size] = key[id];
                position[id] = size;
                size++;
            } else {
                position[id] = -1;
            }
        }
        if (size > 1) {
            for (int i = (size - 2) / ARITY; i >= 0; i--) {
                siftDown(i);
            }
        }
        return smallest;
    }

    /**
     * @param id a decision
     * @return its key
     */
    double key(int id) {
        return key[id];
    }

    /**
     * Changes a decision's key.
     *
     * @param id a decision
     * @param value its new key ({@code +inf} or NaN: no root ahead; beyond the horizon: none that matters)
     */
    void update(int id, double value) {
        double v = value <= horizon ? value : Double.POSITIVE_INFINITY;
        double old = key[id];
        if (v == old) {
            return;
        }
        key[id] = v;
        int at = position[id];
        if (v == Double.POSITIVE_INFINITY) {
            removeAt(at);
            return;
        }
        if (at < 0) {
            at = size++;
            heap[at] = id;
            heapKey[at] = v;
            position[id] = at;
            siftUp(at);
            return;
        }
        heapKey[at] = v;
        if (v < old) {
            siftUp(at);
        } else {
            siftDown(at);
        }
    }

    /** Removes the decision with the smallest key and returns it; the queue must not be empty. */
    int pop() {
        int id = heap[0];
        key[id] = Double.POSITIVE_INFINITY;
        removeAt(0);
        return id;
    }

    private void removeAt(int at) {
        int id = heap[at];
        position[id] = -1;
        size--;
        if (at == size) {
            return;
        }
        int last = heap[size];
        double lastKey = heapKey[size];
        heap[at] = last;
        heapKey[at] = lastKey;
        position[last] = at;
        if (at > 0 && lastKey < heapKey[(at - 1) / ARITY]) {
            siftUp(at);
        } else {
            siftDown(at);
        }
    }

    private void siftUp(int at) {
        int id = heap[at];
        double k = heapKey[at];
        while (at > 0) {
            int parent = (at - 1) / ARITY;
            double pk = heapKey[parent];
            if (pk <= k) {
                break;
            }
            int pid = heap[parent];
            heap[at] = pid;
            heapKey[at] = pk;
            position[pid] = at;
            at = parent;
        }
        heap[at] = id;
        heapKey[at] = k;
        position[id] = at;
    }

    private void siftDown(int at) {
        int id = heap[at];
        double k = heapKey[at];
        while (true) {
            int first = ARITY * at + 1;
            if (first >= size) {
                break;
            }
            int last = Math.min(first + ARITY, size);
            int child = first;
            double ck = heapKey[first];
            for (int c = first + 1; c < last; c++) {
                double kc = heapKey[c];
                if (kc < ck) {
                    ck = kc;
                    child = c;
                }
            }
            if (k <= ck) {
                break;
            }
            int cid = heap[child];
            heap[at] = cid;
            heapKey[at] = ck;
            position[cid] = at;
            at = child;
        }
        heap[at] = id;
        heapKey[at] = k;
        position[id] = at;
    }
}
