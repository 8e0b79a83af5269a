package org.salientsi.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidValueException;
import org.salientsi.api.interval.IntervalSet;

/** Segment results merge associatively and commutatively, and segments travel as serialised values. */
class SegmentResultTest {

    private static final SegmentResult A = new SegmentResult(IntervalSet.of(-2, -1), 10, 1, 0);
    private static final SegmentResult B = new SegmentResult(IntervalSet.of(-1, 0.5), 7, 0, 2);
    private static final SegmentResult C = new SegmentResult(IntervalSet.of(3, 4), 5, 3, 1);

    @Test
    void mergingIsAssociativeAndCommutativeWithTheEmptyResultAsIdentity() {
        SegmentResult left = A.merge(B).merge(C);
        SegmentResult right = A.merge(B.merge(C));
        assertThat(left).isEqualTo(right);
        assertThat(C.merge(A).merge(B)).isEqualTo(left);
        assertThat(A.merge(SegmentResult.EMPTY)).isEqualTo(A);
        assertThat(left.found()).isEqualTo(IntervalSet.builder().add(-2, 0.5).add(3, 4).build());
        assertThat(left.pieces()).isEqualTo(22);
        assertThat(left.excluded()).isEqualTo(4);
        assertThat(left.included()).isEqualTo(3);
    }

    @Test
    void negativeCountsAndBackwardSegmentsAreRefused() {
        assertThatThrownBy(() -> new SegmentResult(IntervalSet.empty(), -1, 0, 0))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SearchSegment(false, 1, 0.5)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SearchSegment(true, 1, 2)).isInstanceOf(InvalidValueException.class);
        assertThat(new SearchSegment(true, 1, -2).length()).isEqualTo(3);
    }

    @Test
    void segmentsAndResultsSurviveSerialisation() throws Exception {
        SegmentResult merged = A.merge(C);
        assertThat(roundTrip(merged)).isEqualTo(merged);
        SearchSegment segment = new SearchSegment(false, 0.25, 7.5);
        assertThat(roundTrip(segment)).isEqualTo(segment);
        assertThat(roundTrip(IntervalSet.empty())).isSameAs(IntervalSet.empty());
    }

    @Test
    void touchingPiecesOfAdjacentSegmentsMergeIntoOneInterval() {
        SegmentResult a = new SegmentResult(IntervalSet.of(-1.5, 0.25), 3, 0, 0);
        SegmentResult b = new SegmentResult(IntervalSet.of(0.25, 2), 4, 0, 0);
        assertThat(a.merge(b).found()).isEqualTo(IntervalSet.of(-1.5, 2));
        assertThat(b.merge(a).found().size()).isEqualTo(1);
    }

    @Test
    void thePiecesAtTTravelWithTheirSideAndAreHeldOnce() throws Exception {
        SegmentResult left = new SegmentResult(IntervalSet.of(-1, 0), 2, 0, 0, 1,
                new SegmentResult.Start(-0.75, true), null);
        SegmentResult right = new SegmentResult(IntervalSet.of(0, 1), 5, 1, 0, 3, null,
                new SegmentResult.Start(0.5, false));
        SegmentResult both = left.merge(A).merge(right);
        assertThat(both.leftStart()).isEqualTo(new SegmentResult.Start(-0.75, true));
        assertThat(both.rightStart()).isEqualTo(new SegmentResult.Start(0.5, false));
        assertThat(both.tried()).isEqualTo(4);
        assertThat(right.merge(A.merge(left))).isEqualTo(both);
        assertThat(roundTrip(both)).isEqualTo(both);
        assertThatThrownBy(() -> both.merge(left)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("left");
        assertThatThrownBy(() -> new SegmentResult.Start(Double.NaN, true)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aStretchSplitsIntoSegmentsOfEqualLengthThatShareTheirEnds() {
        var right = SearchSegment.split(false, 0.5, 3.5, 3);
        assertThat(right).containsExactly(new SearchSegment(false, 0.5, 1.5), new SearchSegment(false, 1.5, 2.5),
                new SearchSegment(false, 2.5, 3.5));
        var left = SearchSegment.split(true, 0.5, -7.5, 4);
        assertThat(left).hasSize(4);
        assertThat(left.get(0).from()).isEqualTo(0.5);
        assertThat(left.get(3).to()).isEqualTo(-7.5);
        for (int i = 1; i < left.size(); i++) {
            assertThat(left.get(i).from()).isEqualTo(left.get(i - 1).to());
            assertThat(left.get(i).length()).isEqualTo(2.0);
        }
        // a stretch too short for distinct ends gives fewer segments, still covering it
        double x = 1.0;
        var tiny = SearchSegment.split(false, x, Math.nextUp(x), 5);
        assertThat(tiny).containsExactly(new SearchSegment(false, x, Math.nextUp(x)));
        assertThatThrownBy(() -> SearchSegment.split(false, 0, 1, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> SearchSegment.split(true, 0, 1, 2)).isInstanceOf(InvalidValueException.class);
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
