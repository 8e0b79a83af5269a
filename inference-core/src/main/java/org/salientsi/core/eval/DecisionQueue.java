package org.salientsi.core.eval;

import java.util.Arrays;

/**
 * The decisions keyed by the root ahead of the current point: the next breakpoint is the smallest key.
 * The walk moves forward, so keys are taken in increasing order, and a breakpoint changes many keys
 * (every touched ReLU's root) but takes only the smallest few; so the queue keeps ordered only the keys
 * below a split point, in a small 4-ary min-heap (a node's children adjacent in memory), and leaves the
 * others unordered in a pool of ids. A changed key is appended to the heap (sifted up, which ends
 * within a level or two on average) or to the pool, and the entry of its old key is left in place: a
 * heap entry is stale once its key is no longer its decision's, a pool entry once its decision's key
 * has gone below the split or to {@code +inf}. Stale heap entries are dropped when they reach the top
 * (the top entry is live after every operation), and all at once when the heap or the pool fills up, by
 * refilling it from the keys. When the heap runs out of live entries, the split moves up just past the
 * {@value #NEAR}-th smallest key of the pool, and the keys below it move into the heap. (A decision
 * whose key went away and came back may have two live entries; when it is popped the other turns
 * stale, so this is harmless.)
 *
 * <p>Decisions with no root ahead (key {@code +inf}), or with their root beyond the horizon (where the
 * walk stops), are kept out. Primitive arrays only; nothing is allocated after construction.
 */
final class DecisionQueue {

    private static final int ARITY = 4;
    /** How many of the pool's smallest keys move into the heap when it runs out. */
    static final int NEAR = 2048;

    /** Per decision: its key, {@code +inf} for none (the truth; heap and pool entries may be stale). */
    private final double[] key;
    /** Heap entries (keys below {@link #split}): decision ids and the keys they had when pushed. */
    private final int[] heap;
    private final double[] heapKey;
    /** Heap entries in use, live and stale. */
    private int size;
    /** Pool entries (keys at or above {@link #split}), unordered decision ids. */
    private final int[] pool;
    /** Pool entries in use, live and stale. */
    private int poolSize;
    /** Keys below it are in the heap, the others in the pool. */
    private double split = Double.NEGATIVE_INFINITY;
    /** How many of the pool's smallest keys move into the heap when it runs out. */
    private final int near;
    /** Decisions with a finite key. */
    private int live;
    private double horizon = Double.POSITIVE_INFINITY;

    /**
     * @param capacity the number of decisions (ids {@code 0 .. capacity - 1})
     */
    DecisionQueue(int capacity) {
        this(capacity, NEAR);
    }

    /**
     * @param capacity the number of decisions (ids {@code 0 .. capacity - 1})
     * @param near how many of the smallest keys move into the heap when it runs out, {@code >= 1}
     */
    DecisionQueue(int capacity, int near) {
        // room for every decision and half as many stale entries: a refill then frees at least that many
        int room = capacity + capacity / 2 + 1;
        this.key = new double[capacity];
        this.heap = new int[room];
        this.heapKey = new double[room];
        this.pool = new int[room];
        this.near = near;
        Arrays.fill(key, Double.POSITIVE_INFINITY);
    }

    /** @return the number of decisions with a root ahead */
    int size() {
        return live;
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
     * Sets a key without maintaining the queue; call {@link #rebuild} after a batch of these.
     *
     * @param id a decision
     * @param value its key ({@code +inf} or NaN: none)
     */
    void setUnordered(int id, double value) {
        key[id] = value < Double.POSITIVE_INFINITY ? value : Double.POSITIVE_INFINITY;
    }

    /**
     * Rebuilds the queue from the keys, without stale entries (linear time on average); keys beyond the
     * horizon become {@code +inf}.
     *
     * @return the smallest key before that (the next root, even beyond the horizon)
     */
    double rebuild() {
        double smallest = Double.POSITIVE_INFINITY;
        live = 0;
        for (int id = 0; id < key.length; id++) {
            double k = key[id];
            if (k < smallest) {
                smallest = k;
            }
            if (!(k <= horizon)) {
                key[id] = Double.POSITIVE_INFINITY;
            } else if (k < Double.POSITIVE_INFINITY) {
                live++;
            }
        }
        split = Double.NEGATIVE_INFINITY;
        size = 0;
        refillPool();
        settle();
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
        if (old == Double.POSITIVE_INFINITY) {
            live++;
        } else if (v == Double.POSITIVE_INFINITY) {
            live--;
        }
        if (v < split) {
            if (size == heap.length) {
                refillHeap();
            } else {
                heap[size] = id;
                heapKey[size] = v;
                siftUp(size);
                size++;
            }
        } else if (v < Double.POSITIVE_INFINITY && !(old >= split && old < Double.POSITIVE_INFINITY)) {
            // a decision already in the pool stays listed there (its entry reads the key)
            if (poolSize == pool.length) {
                refillPool();
            } else {
                pool[poolSize++] = id;
            }
        }
        settle();
    }

    /** Removes the decision with the smallest key and returns it; the queue must not be empty. */
    int pop() {
        int id = heap[0];
        key[id] = Double.POSITIVE_INFINITY;
        live--;
        removeTop();
        settle();
        return id;
    }

    /**
     * Drops stale entries from the top of the heap until the top is live; when the heap runs out and
     * the pool holds live keys, moves the split up past the smallest of them.
     */
    private void settle() {
        while (true) {
            while (size > 0 && heapKey[0] != key[heap[0]]) {
                removeTop();
            }
            if (size > 0 || live == 0 || !raiseSplit()) {
                return;
            }
        }
    }

    /**
     * With an empty heap: drops the pool's stale entries, moves the split just past its
     * {@link #near}-th smallest live key (or past all of them), and moves the keys below it into the
     * heap.
     *
     * @return whether the pool held a live key (then the heap is no longer empty)
     */
    private boolean raiseSplit() {
        // the empty heap's key array serves as scratch for the selection
        double[] select = heapKey;
        int n = 0;
        for (int j = 0; j < poolSize; j++) {
            int id = pool[j];
            double k = key[id];
            if (k >= split && k < Double.POSITIVE_INFINITY) {
                pool[n] = id;
                select[n] = k;
                n++;
            }
        }
        poolSize = n;
        if (n == 0) {
            split = Double.POSITIVE_INFINITY;
            return false;
        }
        split = Math.nextUp(kthSmallest(select, n, Math.min(near, n) - 1));
        int kept = 0;
        for (int j = 0; j < n; j++) {
            int id = pool[j];
            double k = key[id];
            if (k < split) {
                heap[size] = id;
                heapKey[size] = k;
                size++;
            } else {
                pool[kept++] = id;
            }
        }
        poolSize = kept;
        heapify();
        return true;
    }

    /** Refills the heap with every key below the split (no stale entries). */
    private void refillHeap() {
        size = 0;
        for (int id = 0; id < key.length; id++) {
            if (key[id] < split) {
                heap[size] = id;
                heapKey[size] = key[id];
                size++;
            }
        }
        heapify();
    }

    /** Refills the pool with every finite key at or above the split (no stale entries). */
    private void refillPool() {
        poolSize = 0;
        for (int id = 0; id < key.length; id++) {
            double k = key[id];
            if (k >= split && k < Double.POSITIVE_INFINITY) {
                pool[poolSize++] = id;
            }
        }
    }

    private void heapify() {
        if (size > 1) {
            for (int i = (size - 2) / ARITY; i >= 0; i--) {
                siftDown(i);
            }
        }
    }

    /**
     * The {@code k}-th smallest (from 0) of {@code v[0 .. n)}, which it reorders (quickselect, median of
     * three, linear on average).
     */
    static double kthSmallest(double[] v, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double a = v[lo];
            double b = v[mid];
            double c = v[hi];
            double pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    private void removeTop() {
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            heapKey[0] = heapKey[size];
            siftDown(0);
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
            heap[at] = heap[parent];
            heapKey[at] = pk;
            at = parent;
        }
        heap[at] = id;
        heapKey[at] = k;
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
            heap[at] = heap[child];
            heapKey[at] = ck;
            at = child;
        }
        heap[at] = id;
        heapKey[at] = k;
    }
}
