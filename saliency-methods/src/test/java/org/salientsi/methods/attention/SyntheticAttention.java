package org.salientsi.methods.attention;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.salientsi.api.eval.LineBounds;
import org.salientsi.api.eval.NetworkEvaluator;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.core.testing.Gaussian;

/**
 * Attention probabilities as known smooth functions of {@code z}, independent of any kernel: every
 * attention node of a network gets, per head and row, \( \mathrm{softmax}(s_0 + s_1 z + s_2 \sin(3z)) \) with
 * seeded random score vectors, and the logits are {@code (z, -z)}. Point evaluations at {@code z} and
 * bounds over segments in centre-radius form (centre: the chord of each entry between the segment's ends;
 * radius: 1.5 times the largest distance from the chord over 2001 evenly spaced points, plus 1e-9 — a
 * sampled, not a proven, radius, ample for these functions whose curvature is small on the segments used).
 */
final class SyntheticAttention {

    private final Network network;
    private final Map<Integer, double[][]> scores = new HashMap<>();
    private final int logits;

    SyntheticAttention(Network network, long seed, double scale) {
        this.network = network;
        SplittableRandom rng = new SplittableRandom(seed);
        for (Node n : AttentionLayers.all(network)) {
            int size = n.shape().size();
            scores.put(n.id(), new double[][] {Gaussian.vector(rng, size, scale), Gaussian.vector(rng, size, scale),
                Gaussian.vector(rng, size, scale)});
        }
        this.logits = network.output();
    }

    /** @return the ids of the attention nodes */
    java.util.Set<Integer> nodes() {
        return scores.keySet();
    }

    /**
     * @param node an attention node
     * @param z the position on the line
     * @return its probabilities at {@code z} (CHW)
     */
    double[] value(int node, double z) {
        double[][] s = scores.get(node);
        int n = network.node(node).shape().width();
        double[] out = new double[s[0].length];
        for (int row = 0; row < out.length; row += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = row; j < row + n; j++) {
                out[j] = s[0][j] + s[1][j] * z + s[2][j] * Math.sin(3 * z);
                max = Math.max(max, out[j]);
            }
            double sum = 0;
            for (int j = row; j < row + n; j++) {
                out[j] = Math.exp(out[j] - max);
                sum += out[j];
            }
            for (int j = row; j < row + n; j++) {
                out[j] /= sum;
            }
        }
        return out;
    }

    /**
     * @param z a position on the line
     * @return the network "evaluated" at {@code z}
     */
    PointEvaluation at(double z) {
        Map<Integer, double[]> values = new HashMap<>();
        for (int id : scores.keySet()) {
            values.put(id, value(id, z));
        }
        values.put(logits, new double[] {z, -z});
        return new PointEvaluation() {
            @Override
            public Network network() {
                return network;
            }

            @Override
            public double[] input() {
                return new double[network.inputShape().size()];
            }

            @Override
            public double[] value(int node) {
                double[] v = values.get(node);
                if (v == null) {
                    throw new IllegalStateException("node " + node + " not evaluated");
                }
                return v;
            }

            @Override
            public NetworkEvaluator evaluator() {
                throw new UnsupportedOperationException();
            }
        };
    }

    /**
     * @param from the segment's start
     * @param to its end, {@code >= from}
     * @return bounds over the segment
     */
    LineBounds over(double from, double to) {
        Map<Integer, double[][]> lines = new HashMap<>();
        for (int id : scores.keySet()) {
            double[] a = value(id, from);
            double[] b = value(id, to);
            int size = a.length;
            double[] mq = new double[size];
            double[] mp = new double[size];
            double[] rp = new double[size];
            for (int i = 0; i < size; i++) {
                mq[i] = to > from ? (b[i] - a[i]) / (to - from) : 0;
                mp[i] = a[i] - mq[i] * from;
            }
            for (int k = 0; k <= 2000; k++) {
                double z = from + (to - from) * k / 2000.0;
                double[] v = value(id, z);
                for (int i = 0; i < size; i++) {
                    rp[i] = Math.max(rp[i], Math.abs(v[i] - (mp[i] + mq[i] * z)));
                }
            }
            for (int i = 0; i < size; i++) {
                rp[i] = 1.5 * rp[i] + 1e-9;
            }
            lines.put(id, new double[][] {mp, mq, rp, new double[size]});
        }
        return new LineBounds() {
            @Override
            public Network network() {
                return network;
            }

            @Override
            public double lowest(double p, double q) {
                return Math.min(p + q * from, p + q * to);
            }

            @Override
            public double highest(double p, double q) {
                return Math.max(p + q * from, p + q * to);
            }

            @Override
            public double[] centreIntercept(int node) {
                return lines.get(node)[0];
            }

            @Override
            public double[] centreSlope(int node) {
                return lines.get(node)[1];
            }

            @Override
            public double[] radiusIntercept(int node) {
                return lines.get(node)[2];
            }

            @Override
            public double[] radiusSlope(int node) {
                return lines.get(node)[3];
            }
        };
    }
}
