package org.salientsi.methods.testkit;

import java.util.SplittableRandom;
import org.salientsi.api.ir.Affine;
import org.salientsi.api.ir.Add;
import org.salientsi.api.ir.Concat;
import org.salientsi.api.ir.Conv2d;
import org.salientsi.api.ir.Dense;
import org.salientsi.api.ir.Gelu;
import org.salientsi.api.ir.LayerNorm;
import org.salientsi.api.ir.MatMul;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Padding;
import org.salientsi.api.ir.Reshape;
import org.salientsi.api.ir.Slice;
import org.salientsi.api.ir.Softmax;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.ir.Transpose;
import org.salientsi.core.testing.Gaussian;

/**
 * Small Vision Transformers built node by node in the IR, with seeded random weights, as a PyTorch ViT
 * lays them out: tokens as a {@code (D, N, 1)} tensor (features as channels), per-token linear maps as 1x1
 * convolutions, heads split by reshapes and transposes into {@code (heads, N, d)}, scores
 * {@code MatMul(Q, K^T)} scaled by \( 1/\sqrt{d} \), softmax along the last axis (the node {@code attn<b>} of
 * block {@code b}), the class token a constant made from the first patch token times zero plus a shift.
 */
public final class VitNetworks {

    private VitNetworks() {
    }

    /**
     * @param height image rows
     * @param width image columns
     * @param patch patch side (the patch embedding's kernel and stride)
     * @param dim token dimension
     * @param heads heads (dividing {@code dim})
     * @param blocks attention blocks
     * @param seed weights' seed
     * @return a one-channel ViT with two logits
     */
    public static Network vit(int height, int width, int patch, int dim, int heads, int blocks, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network.Builder b = Network.builder(TensorShape.of(1, height, width));
        int gh = height / patch;
        int gw = width / patch;
        int p = gh * gw;
        int n = p + 1;
        int d = dim / heads;
        int emb = b.add("patch", new Conv2d(dim, 1, patch, patch, Gaussian.vector(rng, dim * patch * patch,
                1.0 / patch), Gaussian.vector(rng, dim, 0.1), patch, patch, 1, 1, Padding.NONE, 1), b.input());
        int flat = b.add("flat", new Reshape(TensorShape.of(dim, p, 1)), emb);
        int tokT = b.add("tokT", new Transpose(new int[] {1, 0, 2}), flat);
        int first = b.add("first", new Slice(0, 0, 1), tokT);
        int cls = b.add("cls", new Affine(new double[] {0}, Gaussian.vector(rng, dim, 0.5)), first);
        int cat = b.add("cat", new Concat(), cls, tokT);
        int tokens = b.add("tokens", new Transpose(new int[] {1, 0, 2}), cat);
        int z = b.add("pos", new Affine(new double[] {1}, Gaussian.vector(rng, dim * n, 0.3)), tokens);
        for (int l = 0; l < blocks; l++) {
            int ln = b.add("ln1_" + l, layerNorm(rng, dim), z);
            int q = b.add("q" + l, linear(rng, dim, dim), ln);
            int k = b.add("k" + l, linear(rng, dim, dim), ln);
            int v = b.add("v" + l, linear(rng, dim, dim), ln);
            int qh = b.add("qh" + l, new Reshape(TensorShape.of(heads, d, n)), q);
            int qt = b.add("qt" + l, new Transpose(new int[] {0, 2, 1}), qh);
            int kt = b.add("kt" + l, new Reshape(TensorShape.of(heads, d, n)), k);
            int vh = b.add("vh" + l, new Reshape(TensorShape.of(heads, d, n)), v);
            int vt = b.add("vt" + l, new Transpose(new int[] {0, 2, 1}), vh);
            int scores = b.add("scores" + l, new MatMul(), qt, kt);
            int scaled = b.add("scaled" + l, new Affine(new double[] {1 / Math.sqrt(d)}, new double[] {0}), scores);
            int attn = b.add("attn" + l, new Softmax(2), scaled);
            int ctx = b.add("ctx" + l, new MatMul(), attn, vt);
            int ctxT = b.add("ctxT" + l, new Transpose(new int[] {0, 2, 1}), ctx);
            int ctxF = b.add("ctxF" + l, new Reshape(TensorShape.of(dim, n, 1)), ctxT);
            int proj = b.add("proj" + l, linear(rng, dim, dim), ctxF);
            z = b.add("res1_" + l, new Add(), z, proj);
            int ln2 = b.add("ln2_" + l, layerNorm(rng, dim), z);
            int fc1 = b.add("fc1_" + l, linear(rng, dim, 2 * dim), ln2);
            int gelu = b.add("gelu" + l, new Gelu(), fc1);
            int fc2 = b.add("fc2_" + l, linear(rng, 2 * dim, dim), gelu);
            z = b.add("res2_" + l, new Add(), z, fc2);
        }
        int norm = b.add("norm", layerNorm(rng, dim), z);
        int clsOut = b.add("clsOut", new Slice(1, 0, 1), norm);
        b.add("head", new Dense(dim, 2, Gaussian.vector(rng, 2 * dim, 1.0 / Math.sqrt(dim)),
                Gaussian.vector(rng, 2, 0.1)), clsOut);
        return b.build();
    }

    /** A per-token linear map of {@code (in, N, 1)} tokens: a 1x1 convolution. */
    private static Conv2d linear(SplittableRandom rng, int in, int out) {
        return Conv2d.of(out, in, 1, 1, Gaussian.vector(rng, out * in, 1.5 / Math.sqrt(in)),
                Gaussian.vector(rng, out, 0.1), Padding.NONE);
    }

    /** Layer normalisation over the features (channels) of each token. */
    private static LayerNorm layerNorm(SplittableRandom rng, int dim) {
        double[] gamma = Gaussian.vector(rng, dim, 0.1);
        for (int i = 0; i < dim; i++) {
            gamma[i] += 1;
        }
        return new LayerNorm(0, gamma, Gaussian.vector(rng, dim, 0.1), 1e-5);
    }
}
