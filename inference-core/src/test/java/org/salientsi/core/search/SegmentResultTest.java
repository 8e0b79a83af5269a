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
