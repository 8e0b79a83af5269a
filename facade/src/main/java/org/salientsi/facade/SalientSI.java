package org.salientsi.facade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.ModelLoadException;
import org.salientsi.api.image.Image;
import org.salientsi.api.image.ImageShape;
import org.salientsi.api.result.Alternative;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.engine.EstimatedNoise;
import org.salientsi.core.engine.NoiseEstimate;
import org.salientsi.core.plugin.Plugins;
import org.salientsi.core.search.SearchMode;
import org.salientsi.core.search.Termination;

/**
 * The entry point of SalientSI for Java applications: a builder that loads a model once and returns a
 * thread-safe {@link SalientTester}, whose {@link SalientTester#test(Image, Image) test(image, reference)}
 * gives the selective p-value of the region a saliency map picks (Miwa, Duy and Takeuchi, ICLR 2023).
 *
 * <p>Put one backend on the class path next to this module ({@code salientsi-backend-dl4j} for Keras
 * {@code .h5} and DL4J {@code .zip} models, {@code salientsi-backend-onnx} for {@code .onnx}); it is
 * found through {@link java.util.ServiceLoader} and chosen by the model's file type (or
 * {@link Builder#backend(String)}). Saliency methods, selectors and statistics are plugins found the
 * same way.
 *
 * <p>A complete example: the paper's 16x16 model, a test image with a brighter block, and a reference
 * image of the same scene, both with pixel noise of standard deviation 1:
 *
 * <pre>{@code
 * import java.nio.file.Path;
 * import java.util.SplittableRandom;
 * import org.salientsi.api.image.Image;
 * import org.salientsi.api.result.Alternative;
 * import org.salientsi.api.result.SelectiveResult;
 * import org.salientsi.facade.SalientSI;
 * import org.salientsi.facade.SalientTester;
 *
 * public final class TestOneImage {
 *     public static void main(String[] args) throws Exception {
 *         SplittableRandom rng = new SplittableRandom(1);
 *         double[] x = new double[16 * 16];
 *         double[] r = new double[16 * 16];
 *         for (int i = 0; i < x.length; i++) {
 *             x[i] = rng.nextGaussian() + (i / 16 < 8 && i % 16 < 8 ? 2 : 0);   // a block shifted by 2 sigma
 *             r[i] = rng.nextGaussian();
 *         }
 *         try (SalientTester tester = SalientSI.builder()
 *                 .model(Path.of("examples/models/paper/model_16.h5"))
 *                 .method("cam")                  // class activation mapping (the default)
 *                 .selector("threshold:0")        // the pixels whose CAM value is >= 0 (the default)
 *                 .statistic("ref-mean")          // mean of X - R over the region (default with a reference)
 *                 .sigma(1)                       // the noise standard deviation, in the image's units
 *                 .build()) {
 *             SelectiveResult result = tester.test(Image.grey(16, 16, x), Image.grey(16, 16, r));
 *             System.out.printf("region of %d pixels: selective p = %.3g (naive p = %.3g)%n",
 *                     result.regionSize(), result.selectiveP(), result.naiveP());
 *             // the same model and region, another alternative: a copy that shares the loaded model
 *             SelectiveResult greater = tester.withAlternative(Alternative.GREATER)
 *                     .test(Image.grey(16, 16, x), Image.grey(16, 16, r));
 *             System.out.println(greater.reject(0.05) ? "significant at 5%" : "not significant at 5%");
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Defaults (DESIGN.md section 4, as on the command line): method {@code cam}, selector
 * {@code threshold:0}, statistic {@code ref-mean} with a reference and {@code contrast} without,
 * two-sided alternative, exhaustive search over \( [-|T| - 10\sigma_T, |T| + 10\sigma_T] \), a 95%
 * selective confidence interval. The noise is required: {@link Builder#sigma(double)} or
 * {@link Builder#covariance(double[])}.
 */
public final class SalientSI {

    private SalientSI() {
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures and loads a {@link SalientTester}. Not thread-safe (use it from one thread, then share
     * the tester); every setter returns this builder.
     */
    public static final class Builder {

        private Path model;
        private String backend;
        private final Map<String, String> backendOptions = new TreeMap<>();
        private Plugins plugins;
        private TesterSettings settings = TesterSettings.DEFAULTS;

        private Builder() {
        }

        /**
         * @param file the model file: Keras {@code .h5}, DL4J {@code .zip} or ONNX {@code .onnx}
         * @return this builder
         */
        public Builder model(Path file) {
            this.model = Objects.requireNonNull(file, "model");
            return this;
        }

        /**
         * @param name the backend that opens the model ({@code dl4j}, {@code onnx}); default: chosen by
         *     the model's file type
         * @return this builder
         */
        public Builder backend(String name) {
            this.backend = name;
            return this;
        }

        /**
         * @param key a backend option, e.g. {@code dtype} for DL4J
         * @param value its value
         * @return this builder
         */
        public Builder backendOption(String key, String value) {
            backendOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param shape the image shape, for models that do not record it (DL4J zips) or whose spatial
         *     size is dynamic (ONNX)
         * @return this builder
         */
        public Builder imageShape(ImageShape shape) {
            return backendOption(ModelBackend.OPTION_IMAGE_SHAPE, shape.height() + "x" + shape.width() + "x"
                    + shape.channels());
        }

        /**
         * @param value the plugins to use instead of those {@link Plugins#load()} finds on the class
         *     path (for plugins that {@code ServiceLoader} cannot see)
         * @return this builder
         */
        public Builder plugins(Plugins value) {
            this.plugins = Objects.requireNonNull(value, "plugins");
            return this;
        }

        /**
         * @param name the saliency method ({@code cam}, or a plugin's name); default {@code cam}
         * @return this builder
         */
        public Builder method(String name) {
            settings = settings.withMethod(name);
            return this;
        }

        /**
         * @param spec the region selector, e.g. {@code threshold:0} (the default)
         * @return this builder
         */
        public Builder selector(String spec) {
            settings = settings.withSelector(spec);
            return this;
        }

        /**
         * @param name the statistic: {@code ref-mean}, {@code ref-abs}, {@code contrast}, the chi statistics
         *     {@code ref-chi} and {@code ref-chi-channels}, or a plugin's
         *     name; {@code null} (the default) for {@code ref-mean} with a reference and {@code contrast}
         *     without
         * @return this builder
         */
        public Builder statistic(String name) {
            settings = settings.withStatistic(name);
            return this;
        }

        /**
         * @param value the noise standard deviation of each pixel, in the image's units, finite and
         *     {@code > 0}; replaces a covariance
         * @return this builder
         */
        public Builder sigma(double value) {
            settings = settings.withSigma(value);
            return this;
        }

        /**
         * @param matrix the test image's noise covariance, {@code n x n} row-major with {@code n = H*W*C}
         *     in the image's HWC order, symmetric positive definite (copied); replaces sigma
         * @return this builder
         */
        public Builder covariance(double[] matrix) {
            settings = settings.withCovariance(matrix);
            return this;
        }

        /**
         * Estimates sigma from scans the selection never saw (pooled within-group variance, its degrees of
         * freedom {@code sum n (m_g - 1)}; see {@link NoiseEstimate}); replaces sigma or a covariance. Results
         * report {@code sigma_source} and {@code sigma_df}.
         *
         * @param groups repeated scans, one group per scene, each of two or more images of one shape
         * @param beta 0 to plug the estimate in (an approximate test), or in (0, 1) to use its (1 - beta) upper
         *     confidence limit (level at most alpha + beta with {@link Alternative#ABS} or a chi statistic)
         * @return this builder
         * @throws InvalidInputException for fewer than two scans in a group, shapes that differ, scans that do not
         *     vary, or a beta outside [0, 1)
         */
        public Builder noiseFrom(List<List<Image>> groups, double beta) {
            settings = settings.withNoise(new EstimatedNoise(NoiseEstimate.of(groups, "the noise scans"), beta,
                    "facade: " + groups.size() + " group(s)"));
            return this;
        }

        /**
         * @param value the alternative hypothesis; default two-sided
         * @return this builder
         */
        public Builder alternative(Alternative value) {
            settings = settings.withAlternative(value);
            return this;
        }

        /**
         * @param value when the search may stop ({@link Termination#exhaustive()}, the default,
         *     {@link Termination#precision(double)}, {@link Termination#decision(double)})
         * @return this builder
         */
        public Builder termination(Termination value) {
            settings = settings.withTermination(value);
            return this;
        }

        /**
         * @param value how the truncation set is found ({@link SearchMode#AUTO}, the default: the exact walk on a
         *     piecewise-linear network, certified p-value bounds otherwise)
         * @return this builder
         */
        public Builder search(SearchMode value) {
            settings = settings.withSearch(value);
            return this;
        }

        /**
         * @param k the search covers \( [-|T| - k\sigma_T, |T| + k\sigma_T] \); default 10
         * @return this builder
         */
        public Builder range(double k) {
            settings = settings.withRange(k);
            return this;
        }

        /**
         * @param level the level of the selective confidence interval in (0, 1), or 0 to skip it;
         *     default 0.95
         * @return this builder
         */
        public Builder confidence(double level) {
            settings = settings.withConfidence(level);
            return this;
        }

        /**
         * @param unit the output unit the map explains (class index from 0); default the single output,
         *     or the arg-max class, which then joins the selection event
         * @return this builder
         */
        public Builder target(int unit) {
            settings = settings.withTarget(unit);
            return this;
        }

        /**
         * @param layer the CAM feature layer, by its name in the model; default found automatically
         * @return this builder
         */
        public Builder camLayer(String layer) {
            settings = settings.withCamLayer(layer);
            return this;
        }

        /**
         * @param images references of the scene that {@link SalientTester#test(Image)} uses (their mean;
         *     its covariance is the image's divided by their number); default none (an in-image test)
         * @return this builder
         */
        public Builder references(List<Image> images) {
            settings = settings.withReferences(images);
            return this;
        }

        /**
         * Checks the options, loads the model and checks the options against it.
         *
         * @return the tester; close it to release the model
         * @throws ModelLoadException if the model file is missing, empty, corrupt or of an unsupported
         *     version
         * @throws InvalidInputException for a missing noise level or model, an unknown method, selector,
         *     statistic or backend, a target or CAM layer the model does not have, or a covariance of the
         *     wrong size
         * @throws org.salientsi.api.error.UnsupportedLayerException if a layer has no translation to the IR
         */
        public SalientTester build() throws ModelLoadException {
            if (model == null) {
                throw new InvalidInputException("no model: call model(Path) with a .h5, .zip or .onnx file");
            }
            settings.checkNoise();
            if (!Files.exists(model)) {
                throw new ModelLoadException(model, "model file not found", null);
            }
            Plugins p = plugins != null ? plugins : Plugins.load();
            ModelBackend b = p.backendFor(model, backend).backend();
            LoadedModel loaded = b.load(model, Parameters.of(backendOptions));
            try {
                return SalientTester.create(p, loaded, b.name() + " " + b.version(), settings);
            } catch (RuntimeException e) {
                loaded.close();
                throw e;
            }
        }
    }
}
