package org.salientsi.backend.dl4j.translate;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exponential \( y = e^x \) as a DL4J activation function, elementwise (nd4j's exp kernel). Keras'
 * {@code 'exponential'} activation, which DL4J 1.0.0-M2.1's Keras import does not know: the importer
 * attaches this function to the layers that name it ({@code KerasImporter}), and the translation maps it to
 * the IR's {@link org.salientsi.api.ir.Exp}.
 */
public final class ExpActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Transforms.exp(in, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray dLdz = Transforms.exp(in, false).muli(epsilon);
        return new Pair<>(dLdz, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpActivation;
    }

    @Override
    public int hashCode() {
        return ExpActivation.class.hashCode();
    }

    @Override
    public String toString() {
        return "exp";
    }
}
