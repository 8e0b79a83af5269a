package org.salientsi.backend.dl4j.translate;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact Gaussian error linear unit \( y = \frac{x}{2}(1 + \operatorname{erf}(x / \sqrt 2)) \) as a DL4J
 * activation function, elementwise (nd4j's erf kernel). Keras 2's {@code 'gelu'} activation is this exact
 * form ({@code tf.keras.activations.gelu(x, approximate=False)}), which DL4J 1.0.0-M2.1's Keras import does
 * not know (and DL4J's own {@code ActivationGELU} is the sigmoid or tanh approximation, never the erf form):
 * the importer attaches this function to the layers that name it ({@code KerasImporter}), and the
 * translation maps it to the IR's {@link org.salientsi.api.ir.Gelu}.
 */
public final class ExactGeluActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray phi = cdf(in);
        return in.muli(phi);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // d/dx x Phi(x) = Phi(x) + x phi(x)
        INDArray density = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI).muli(in);
        INDArray dLdz = cdf(in).addi(density).muli(epsilon);
        return new Pair<>(dLdz, null);
    }

    /** The standard normal distribution function, \( \Phi(x) = (1 + \operatorname{erf}(x / \sqrt 2)) / 2 \). */
    private static INDArray cdf(INDArray x) {
        INDArray t = x.mul(SQRT_HALF);
        Nd4j.getExecutioner().exec(new Erf(t, t));
        return t.addi(1.0).muli(0.5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactGeluActivation;
    }

    @Override
    public int hashCode() {
        return ExactGeluActivation.class.hashCode();
    }

    @Override
    public String toString() {
        return "gelu(exact)";
    }
}
