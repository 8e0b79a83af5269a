package org.salientsi.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.error.ShapeMismatchException;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;

/**
 * The public index tables that the evaluators and the reverse pass share ({@link SparseMap},
 * {@link WindowTable}, {@link ConvGeometry}), against tables worked out by hand from the ops'
 * definitions.
 */
class LinearTablesTest {

    @Test
    void paddingCopiesEachInsidePositionAndLeavesThePaddingEmpty() {
        // (1, 2, 2) padded by one row on top and one column on the right: (1, 3, 3)
        SparseMap map = SparseMap.pad(new Pad(Padding.of(1, 0, 0, 1)), TensorShape.of(1, 2, 2));
        assertThat(map.outputs()).isEqualTo(9);
        assertThat(map.starts()).containsExactly(0, 0, 0, 0, 1, 2, 2, 3, 4, 4);
        assertThat(map.indices()).containsExactly(0, 1, 2, 3);
        assertThat(map.positions()).containsExactly(0, 0, 0, 0);
        assertThat(map.weights()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void bilinearResizingWithHalfPixelCentresWeighsTheTwoNearestColumns() {
        // 1 x 2 -> 1 x 4: source columns -0.25, 0.25, 0.75, 1.25, clamped to [0, 1]
        SparseMap map = SparseMap.upsample(Upsample.bilinear(1, 4, 1, 2), TensorShape.of(1, 1, 2));
        assertThat(map.starts()).containsExactly(0, 1, 3, 5, 6);
        assertThat(map.indices()).containsExactly(0, 0, 1, 0, 1, 1);
        assertThat(map.weights()).containsExactly(1.0, 0.75, 0.25, 0.25, 0.75, 1.0);
    }

    @Test
    void nearestRepetitionReadsOneSourcePixelPerOutput() {
        SparseMap map = SparseMap.upsample(Upsample.repeat(2, 2), TensorShape.of(1, 2, 2));
        assertThat(map.outputs()).isEqualTo(16);
        assertThat(map.starts()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(map.indices()).containsExactly(0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3);
    }

    @Test
    void concatenationPlacesTheInputsOneAfterAnotherAndNamesTheirPositions() {
        SparseMap map = SparseMap.concat(List.of(TensorShape.of(1, 1, 2), TensorShape.of(2, 1, 2)));
        assertThat(map.outputs()).isEqualTo(6);
        assertThat(map.positions()).containsExactly(0, 0, 1, 1, 1, 1);
        assertThat(map.indices()).containsExactly(0, 1, 0, 1, 2, 3);
        assertThatThrownBy(() -> SparseMap.concat(List.of(TensorShape.of(1, 1, 2), TensorShape.of(1, 2, 2))))
                .isInstanceOf(ShapeMismatchException.class);
    }

    @Test
    void channelsLastFlatteningAndTranspositionPermuteTheEntries() {
        // (2, 1, 2) CHW entries c0: 0 1, c1: 2 3; HWC order interleaves the channels
        assertThat(SparseMap.flattenHwc(TensorShape.of(2, 1, 2)).indices()).containsExactly(0, 2, 1, 3);
        // (1, 2, 3) with H and W swapped: output (0, j, i) reads input (0, i, j)
        SparseMap t = SparseMap.transpose(new Transpose(new int[] {0, 2, 1}), TensorShape.of(1, 2, 3));
        assertThat(t.indices()).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void accessorsReturnCopies() {
        SparseMap map = SparseMap.flattenHwc(TensorShape.of(2, 1, 2));
        map.indices()[0] = 99;
        map.weights()[0] = 99;
        assertThat(map.indices()[0]).isZero();
        assertThat(map.weights()[0]).isEqualTo(1.0);
        WindowTable w = WindowTable.global(TensorShape.of(1, 2, 2));
        w.indices()[0] = 99;
        assertThat(w.indices()[0]).isZero();
    }

    @Test
    void poolingWindowsSkipThePaddingAndCountItWhereTheDivisorIncludesIt() {
        // 3x3 windows, stride 2, padding 1 on a (1, 3, 3) input: 2 x 2 windows starting at -1 and 1
        WindowTable w = WindowTable.pooling(TensorShape.of(1, 3, 3), TensorShape.of(1, 2, 2), 3, 3, 2, 2,
                Padding.symmetric(1));
        assertThat(w.windows()).isEqualTo(4);
        assertThat(w.starts()).containsExactly(0, 4, 8, 12, 16);
        assertThat(w.indices()).containsExactly(0, 1, 3, 4, 1, 2, 4, 5, 3, 4, 6, 7, 4, 5, 7, 8);
        // rows -1..1 and 1..3 clipped to the padded extent -1..3: every window spans 3 x 3
        assertThat(w.paddedCounts()).containsExactly(9, 9, 9, 9);
        assertThat(w.largestWindow()).isEqualTo(4);
        WindowTable global = WindowTable.global(TensorShape.of(2, 1, 3));
        assertThat(global.starts()).containsExactly(0, 3, 6);
        assertThat(global.indices()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void poolingRejectsEmptyWindowsAndChannelChanges() {
        TensorShape in = TensorShape.of(1, 3, 3);
        assertThatThrownBy(() -> WindowTable.pooling(in, in, 0, 3, 1, 1, Padding.NONE))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> WindowTable.pooling(in, TensorShape.of(2, 3, 3), 1, 1, 1, 1, Padding.NONE))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("channels");
    }

    @Test
    void convolutionGeometryReadsTheOpAndItsOutputShape() {
        Conv2d op = new Conv2d(4, 2, 3, 2, new double[4 * 1 * 3 * 2], null, 2, 1, 1, 2, Padding.of(1, 2, 0, 0), 2);
        ConvGeometry g = ConvGeometry.of(op, TensorShape.of(2, 7, 5));
        // rows (7 + 1 - 2 - 1) / 2 + 1 = 3, columns (5 + 2 - 2 - 1) / 1 + 1 = 5
        assertThat(g).isEqualTo(new ConvGeometry(2, 7, 5, 4, 3, 5, 3, 2, 2, 1, 1, 2, 1, 2, 2));
        assertThat(g.inPerGroup()).isEqualTo(1);
        assertThat(g.outPerGroup()).isEqualTo(2);
        assertThat(g.taps()).isEqualTo(6);
        assertThat(g.inPlane()).isEqualTo(35);
        assertThat(g.outPlane()).isEqualTo(15);
        assertThatThrownBy(() -> ConvGeometry.of(op, TensorShape.of(3, 7, 5)))
                .isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> new ConvGeometry(3, 7, 5, 4, 3, 5, 3, 2, 2, 1, 1, 2, 1, 2, 2))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("groups");
    }
}
