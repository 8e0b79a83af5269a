package org.salientsi.sanity.mask;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.eval.PointEvaluation;
import org.salientsi.api.ir.TensorShape;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.eval.PointEvaluator;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.StudyProgress;

/**
 * Mask agreement of every saliency method on every image of one model that has a non-empty mask.
 * Stateless apart from its configuration.
 *
 * @param program the compiled network
 * @param methods the saliency methods
 * @param agreement map processing and scores
 */
public record MaskStudy(CompiledNetwork program, List<SaliencyMethod> methods, MaskAgreement agreement) {

    /**
     * Scores of one model.
     *
     * @param images labels of the images scored (those with a non-empty mask)
     * @param methods method names
     * @param scores {@code [image][method]}
     * @param maps {@code [image][method]} processed maps (row-major), for pictures
     * @param skipped images without a mask or with an empty one
     */
    public record Result(List<String> images, List<String> methods, MaskScores[][] scores, double[][][] maps,
                         int skipped) {

        /**
         * @param method method column
         * @return the mean of each score ({@link MaskScores#NAMES}) over the images
         */
        public double[] mean(int method) {
            double[] sum = new double[MaskScores.NAMES.length];
            for (MaskScores[] row : scores) {
                double[] v = row[method].values();
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += v[k];
                }
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] = scores.length == 0 ? Double.NaN : sum[k] / scores.length;
            }
            return sum;
        }

        /**
         * @param method method column
         * @param score index into {@link MaskScores#NAMES}
         * @return that score per image
         */
        public double[] perImage(int method, int score) {
            double[] out = new double[scores.length];
            for (int n = 0; n < scores.length; n++) {
                out[n] = scores[n][method].values()[score];
            }
            return out;
        }
    }

    /**
     * @param images images; those without a non-empty mask are skipped
     * @param keepMaps whether to keep the processed maps
     * @param progress progress listener
     * @return the scores
     */
    public Result run(List<SanityImage> images, boolean keepMaps, StudyProgress progress) {
        TensorShape shape = program.network().inputShape();
        PointEvaluator eval = program.pointEvaluator();
        List<String> ids = new ArrayList<>();
        List<MaskScores[]> rows = new ArrayList<>();
        List<double[][]> maps = new ArrayList<>();
        int skipped = 0;
        int done = 0;
        for (SanityImage im : images) {
            progress.update(++done, images.size(), "images");
            if (im.maskSize() == 0) {
                skipped++;
                continue;
            }
            boolean[] mask = im.mask();
            PointEvaluation at = eval.evaluate(im.chw());
            MaskScores[] row = new MaskScores[methods.size()];
            double[][] processed = new double[methods.size()][];
            for (int m = 0; m < methods.size(); m++) {
                SaliencyMap map = methods.get(m).map(at);
                double[] v = map.values();
                row[m] = agreement.score(v, mask, shape.height(), shape.width());
                if (keepMaps) {
                    processed[m] = agreement.process(v, shape.height(), shape.width());
                }
            }
            ids.add(im.id());
            rows.add(row);
            maps.add(processed);
        }
        return new Result(ids, methods.stream().map(SaliencyMethod::name).toList(),
                rows.toArray(new MaskScores[0][]), keepMaps ? maps.toArray(new double[0][][]) : new double[0][][],
                skipped);
    }

    /**
     * Mean and standard deviation across seeds (models) of per-seed mean scores, as Viviano et al. report.
     *
     * @param perSeedMeans {@code [seed][score]} means
     * @return {@code [2][score]}: row 0 the mean, row 1 the sample standard deviation (0 for one seed)
     */
    public static double[][] acrossSeeds(List<double[]> perSeedMeans) {
        int k = perSeedMeans.get(0).length;
        double[][] out = new double[2][k];
        int n = perSeedMeans.size();
        for (double[] s : perSeedMeans) {
            for (int j = 0; j < k; j++) {
                out[0][j] += s[j] / n;
            }
        }
        for (double[] s : perSeedMeans) {
            for (int j = 0; j < k; j++) {
                out[1][j] += n < 2 ? 0 : (s[j] - out[0][j]) * (s[j] - out[0][j]) / (n - 1);
            }
        }
        for (int j = 0; j < k; j++) {
            out[1][j] = Math.sqrt(out[1][j]);
        }
        return out;
    }
}
