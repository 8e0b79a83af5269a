package org.salientsi.core.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.AvgPool;
import org.salientsi.api.ir.BatchNorm;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Flatten;
import org.salientsi.api.ir.GlobalAvgPool;
import org.salientsi.api.ir.GlobalMaxPool;
import org.salientsi.api.ir.LeakyRelu;
import org.salientsi.api.ir.MaxPool;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Pad;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Relu;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.api.ir.Upsample;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;

/**
 * Reverse passes against PyTorch autograd (float64): the network of
 * {@code src/test/python/grad_reference.py} rebuilt in the IR from the exported weights; for each
 * exported input the logits, the gradient of every logit with respect to the input and with respect to
 * the intermediate node {@code features} agree with PyTorch's.
 */
class TorchReferenceGradientTest {

    private static final String RESOURCE = "/org/salientsi/core/grad/torch-gradients.json";

    @Test
    void gradientsWithRespectToTheInputAndToAnIntermediateNodeEqualPyTorchAutograd() throws IOException {
        JsonNode doc = read();
        JsonNode params = doc.get("params");
        Network.Builder b = Network.builder(TensorShape.of(2, 9, 8));
        int x = b.add("conv1", new Conv2d(4, 2, 3, 3, v(params, "conv1.weight"), v(params, "conv1.bias"), 1, 1, 1, 1,
                Padding.symmetric(1), 1), b.input());
        x = b.add("bn", new BatchNorm(v(params, "bn.gamma"), v(params, "bn.beta"), v(params, "bn.mean"),
                v(params, "bn.var"), doc.get("bn_eps").asDouble()), x);
        x = b.add("leaky", new LeakyRelu(0.1), x);
        x = b.add("conv2", new Conv2d(4, 4, 3, 3, v(params, "conv2.weight"), v(params, "conv2.bias"), 2, 2, 2, 2,
                Padding.symmetric(2), 2), x);
        int r = b.add("relu", new Relu(), x);
        int mp = b.add("maxpool", new MaxPool(3, 3, 1, 1, Padding.symmetric(1), false), r);
        int ai = b.add("avg-incl", new AvgPool(3, 3, 1, 1, Padding.symmetric(1), true, false), r);
        int ae = b.add("avg-excl", new AvgPool(3, 3, 1, 1, Padding.symmetric(1), false, false), r);
        int sum = b.add("sum", new Add(), mp, ai);
        x = b.add("cat", new Concat(), sum, ae);
        x = b.add("maxpool-ceil", new MaxPool(2, 2, 1, 1, Padding.NONE, true), x);
        x = b.add("pad", new Pad(Padding.of(0, 1, 1, 0)), x);
        x = b.add("nearest", Upsample.repeat(2, 2), x);
        x = b.add("bilinear", Upsample.bilinear(7, 9, 10, 8), x);
        x = b.add("transpose", new Transpose(new int[] {0, 2, 1}), x);
        x = b.add("affine", new Affine(v(params, "affine.scale"), v(params, "affine.shift")), x);
        x = b.add("relu2", new Relu(), x);
        int features = b.add("features", Conv2d.of(3, 8, 1, 1, v(params, "conv3.weight"), v(params, "conv3.bias"),
                Padding.NONE), x);
        int f = b.add("relu3", new Relu(), features);
        int gmp = b.add("gmp", new GlobalMaxPool(), f);
        int gap = b.add("gap", new GlobalAvgPool(), f);
        int pools = b.add("pools", new Concat(), gmp, gap);
        int flat = b.add("flatten", new Flatten(Flatten.Order.CHW), f);
        int dense = b.add("dense1", new Dense(189, 6, v(params, "dense1.weight"), v(params, "dense1.bias")), flat);
        int both = b.add("both", new Add(), pools, dense);
        int logits = b.add("logits", new Dense(6, 3, v(params, "logits.weight"), v(params, "logits.bias")), both);
        Network net = b.build(logits);

        PointEvaluator point = CompiledNetwork.compile(net).pointEvaluator();
        Backprop toInput = ReverseProgram.compile(net, logits, net.input()).newBackprop();
        Backprop toFeatures = ReverseProgram.compile(net, logits, features).newBackprop();
        int cases = 0;
        for (JsonNode c : doc.get("cases")) {
            point.evaluate(v(c, "input"));
            double[] expectedLogits = v(c, "logits");
            for (int k = 0; k < 3; k++) {
                assertThat(point.value(logits)[k]).as("logit %d", k).isCloseTo(expectedLogits[k], within(1e-12));
            }
            toInput.decide(point);
            toFeatures.decide(point);
            for (int k = 0; k < 3; k++) {
                compare(toInput.gradient(k), c.get("grad_input").get(k), "d logit " + k + " / d input");
                compare(toFeatures.gradient(k), c.get("grad_features").get(k), "d logit " + k + " / d features");
            }
            cases++;
        }
        assertThat(cases).isEqualTo(4);
    }

    private static void compare(double[] got, JsonNode expected, String what) {
        assertThat(got).as(what).hasSize(expected.size());
        double scale = 0;
        for (JsonNode e : expected) {
            scale = Math.max(scale, Math.abs(e.asDouble()));
        }
        assertThat(scale).as(what + " is not all zero").isPositive();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("%s [%d]", what, i).isCloseTo(expected.get(i).asDouble(), within(1e-12 * scale));
        }
    }

    private static double[] v(JsonNode node, String field) {
        JsonNode a = node.get(field);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode read() throws IOException {
        try (InputStream in = TorchReferenceGradientTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
