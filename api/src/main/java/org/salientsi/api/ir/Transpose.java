package org.salientsi.api.ir;

import java.util.Arrays;
import java.util.List;
import org.salientsi.api.error.InvalidValueException;

/**
 * Permutes the three axes (C, H, W): output axis {@code i} is input axis {@code perm[i]}.
 *
 * @param perm a permutation of {0, 1, 2}
 */
public record Transpose(int[] perm) implements Op {

    /**
     * @throws InvalidValueException if perm is not a permutation of {0, 1, 2}
     */
    public Transpose {
        if (perm == null || perm.length != 3) {
            throw new InvalidValueException("Transpose needs a permutation of (0, 1, 2), got " + Arrays.toString(perm));
        }
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        if (sorted[0] != 0 || sorted[1] != 1 || sorted[2] != 2) {
            throw new InvalidValueException("Transpose needs a permutation of (0, 1, 2), got " + Arrays.toString(perm));
        }
        perm = perm.clone();
    }

    @Override
    public int[] perm() {
        return perm.clone();
    }

    @Override
    public TensorShape outputShape(List<TensorShape> inputs) {
        TensorShape in = Checks.single(this, inputs);
        int[] dims = {in.channels(), in.height(), in.width()};
        return TensorShape.of(dims[perm[0]], dims[perm[1]], dims[perm[2]]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transpose t && Arrays.equals(perm, t.perm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perm);
    }

    @Override
    public String toString() {
        return "Transpose" + Arrays.toString(perm);
    }
}
