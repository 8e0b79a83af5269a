package org.salientsi.sanity.invariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.spi.Parameters;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.map.ControlMethods;

/** Shift compensation, the equivalence gate and the invariance check on Java-built networks. */
class ShiftCompensationTest {

    private static final long WEIGHT_SEED = 0L;
    private static final long IMAGE_SEED = 1L;

    private static double[] normal(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return v;
    }

    /** SANITY.md 4.7's architecture: 2-layer ReLU MLP, W1 5x4, W2 1x5, all N(0, 1). */
    static Network mlp() {
        SplittableRandom rng = new SplittableRandom(WEIGHT_SEED);
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 4));
        int d1 = b.add("dense1", new Dense(4, 5, normal(rng, 20), normal(rng, 5)), b.input());
        int r = b.add("relu", new Relu(), d1);
        b.add("dense2", new Dense(5, 1, normal(rng, 5), normal(rng, 1)), r);
        return b.build();
    }

    /** A small CAM-ready CNN whose first convolution has the given padding. */
    static Network cnn(Padding padding) {
        SplittableRandom rng = new SplittableRandom(WEIGHT_SEED + 1);
        Network.Builder b = Network.builder(TensorShape.of(1, 8, 8));
        int c1 = b.add("conv1", Conv2d.of(3, 1, 3, 3, normal(rng, 27), normal(rng, 3), padding), b.input());
        int r1 = b.add("relu1", new Relu(), c1);
        int c2 = b.add("conv2", Conv2d.of(4, 3, 3, 3, normal(rng, 108), normal(rng, 4), Padding.symmetric(1)), r1);
        int r2 = b.add("relu2", new Relu(), c2);
        int gap = b.add("gap", new GlobalAvgPool(), r2);
        b.add("dense", new Dense(4, 2, normal(rng, 8), normal(rng, 2)), gap);
        return b.build();
    }

    private static List<double[]> images(int n, int size) {
        SplittableRandom rng = new SplittableRandom(IMAGE_SEED);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[size];
            for (int k = 0; k < size; k++) {
                x[k] = rng.nextDouble();
            }
            out.add(x);
        }
        return out;
    }

    private static List<SanityImage> sanityImages(int n, int size) {
        List<SanityImage> out = new ArrayList<>();
        List<double[]> xs = images(n, size);
        for (int i = 0; i < n; i++) {
            out.add(SanityImage.of("x" + i, xs.get(i)));
        }
        return out;
    }

    @Test
    void denseCompensationMakesTheShiftedModelEquivalent() {
        Network f1 = mlp();
        double[] m = {-1};
        Network f2 = ShiftCompensation.compensate(f1, m, ShiftCompensation.Mode.SCALAR);
        double delta = EquivalenceGate.delta(f1, f2, ShiftCompensation.expand(m, f1.inputShape()), images(20, 4));
        assertThat(delta).isLessThanOrEqualTo(EquivalenceGate.TAU_FLOAT64);
        // the uncompensated model on shifted data is far off
        assertThat(EquivalenceGate.delta(f1, f1, ShiftCompensation.expand(m, f1.inputShape()), images(20, 4)))
                .isGreaterThan(1e-3);
    }

    @Test
    void zeroPaddedConvolutionFailsTheGateWithAScalarAndPassesWithABiasMap() {
        Network f1 = cnn(Padding.symmetric(1));
        double[] m = {-1};
        double[] shift = ShiftCompensation.expand(m, f1.inputShape());
        double scalar = EquivalenceGate.delta(f1, ShiftCompensation.compensate(f1, m, ShiftCompensation.Mode.SCALAR),
                shift, images(20, 64));
        double map = EquivalenceGate.delta(f1, ShiftCompensation.compensate(f1, m, ShiftCompensation.Mode.BIAS_MAP),
                shift, images(20, 64));
        assertThat(scalar).isGreaterThan(1e-3);
        assertThat(map).isLessThanOrEqualTo(EquivalenceGate.TAU_FLOAT64);
    }

    @Test
    void validConvolutionIsExactWithTheScalar() {
        Network f1 = cnn(Padding.NONE);
        double[] m = {-1};
        double delta = EquivalenceGate.delta(f1, ShiftCompensation.compensate(f1, m, ShiftCompensation.Mode.SCALAR),
                ShiftCompensation.expand(m, f1.inputShape()), images(20, 64));
        assertThat(delta).isLessThanOrEqualTo(EquivalenceGate.TAU_FLOAT64);
    }

    @Test
    void inputNormalisationAbsorbsAPatternShift() {
        Network.Builder b = Network.builder(TensorShape.of(1, 1, 4));
        int a = b.add("norm", new Affine(new double[] {2.0}, new double[] {-0.5}), b.input());
        b.add("dense", new Dense(4, 1, new double[] {1, -2, 3, 0.5}, new double[] {0.1}), a);
        Network f1 = b.build();
        double[] m = {0.3, -1, 2, 0};
        double delta = EquivalenceGate.delta(f1, ShiftCompensation.compensate(f1, m, ShiftCompensation.Mode.SCALAR),
                m, images(10, 4));
        assertThat(delta).isLessThanOrEqualTo(EquivalenceGate.TAU_FLOAT64);
    }

    @Test
    void camIsInvariantUnderTheBiasMapAndInconclusiveUnderTheScalar() {
        Network f1 = cnn(Padding.symmetric(1));
        InvarianceCheck.MethodFactory cam = (net, shifted) -> new CamMethod.Provider().create(net,
                Parameters.empty().with("target", "1"));
        InvarianceCheck.Result ok = InvarianceCheck.float64().run(f1, new double[] {-1},
                ShiftCompensation.Mode.BIAS_MAP, sanityImages(20, 64), cam);
        assertThat(ok.verdict()).isEqualTo(InvarianceCheck.Verdict.PASS);
        assertThat(ok.passRate()).isEqualTo(1.0);
        assertThat(ok.maxRel()).isLessThan(1e-12);
        InvarianceCheck.Result gate = InvarianceCheck.float64().run(f1, new double[] {-1},
                ShiftCompensation.Mode.SCALAR, sanityImages(20, 64), cam);
        assertThat(gate.verdict()).isEqualTo(InvarianceCheck.Verdict.INCONCLUSIVE);
        assertThat(gate.images()).isEmpty();
    }

    @Test
    void edgeMapPassesAUniformShiftAndFailsAPatternShift() {
        Network f1 = cnn(Padding.symmetric(1));
        InvarianceCheck.MethodFactory sobel = (net, shifted) -> ControlMethods.get(ControlMethods.SOBEL, net, 1L);
        assertThat(InvarianceCheck.float64().run(f1, new double[] {-1}, ShiftCompensation.Mode.BIAS_MAP,
                sanityImages(20, 64), sobel).verdict()).isEqualTo(InvarianceCheck.Verdict.PASS);
        double[] pattern = images(1, 64).get(0);
        InvarianceCheck.Result r = InvarianceCheck.float64().run(f1, pattern, ShiftCompensation.Mode.BIAS_MAP,
                sanityImages(20, 64), sobel);
        assertThat(r.verdict()).isEqualTo(InvarianceCheck.Verdict.FAIL);
        assertThat(r.passRate()).isZero();
        assertThat(r.equivalence()).isLessThanOrEqualTo(EquivalenceGate.TAU_FLOAT64);
    }

    @Test
    void scalarCompensationOfAPatternIsRefused() {
        assertThatThrownBy(() -> ShiftCompensation.compensate(cnn(Padding.NONE), new double[64],
                ShiftCompensation.Mode.SCALAR)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bias map");
        assertThatThrownBy(() -> ShiftCompensation.expand(new double[3], TensorShape.of(1, 8, 8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("got 3");
    }
}
