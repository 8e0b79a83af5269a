package org.salientsi.methods.selector;

import java.util.Locale;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.eval.Decisions;
import org.salientsi.api.image.Region;
import org.salientsi.api.saliency.LinearMap;
import org.salientsi.api.saliency.SaliencyMap;
import org.salientsi.api.selection.RegionMask;
import org.salientsi.api.selection.RegionSelector;
import org.salientsi.api.selection.RegionSelectorProvider;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.methods.blur.Border;
import org.salientsi.methods.blur.GaussianBlur;

/**
 * {@code smooth:S+SPEC}: blurs the map with a Gaussian of standard deviation {@code S} pixels
 * ({@link GaussianBlur} with the {@link Border#REFLECT} border, scipy's default) and then selects with the
 * selector {@code SPEC}, e.g. {@code smooth:1.5+threshold:0}. The blur is linear, so on a linear piece it maps
 * the intercepts and slopes and the inner selector decides on the blurred map.
 */
public final class SmoothedSelector implements RegionSelector {

    /** The prefix's name. */
    public static final String NAME = "smooth";

    private final GaussianBlur blur;
    private final RegionSelector inner;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * @param sigma the blur's standard deviation in pixels, in {@code (0, 1000]}
     * @param inner the selector applied to the blurred map
     * @throws InvalidInputException if sigma is out of range
     */
    public SmoothedSelector(double sigma, RegionSelector inner) {
        if (!(sigma > 0 && sigma <= GaussianBlur.MAX_SIGMA)) {
            throw new InvalidInputException("smoothing needs a standard deviation in (0, 1000] pixels, got " + sigma);
        }
        this.blur = GaussianBlur.of(sigma, Border.REFLECT);
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return NAME + ":" + Specs.format(blur.sigma()) + "+" + inner.name();
    }

    /**
     * @param map a map
     * @return the blurred map (same target)
     */
    public SaliencyMap blurred(SaliencyMap map) {
        int n = map.height() * map.width();
        double[] out = new double[n];
        blur.apply(map.values(), map.height(), map.width(), new double[n], out);
        return new SaliencyMap(map.height(), map.width(), out, map.target(), map.targetFromArgmax());
    }

    @Override
    public Region select(SaliencyMap map) {
        return inner.select(blurred(map));
    }

    @Override
    public void select(LinearMap map, Decisions decisions, RegionMask out) {
        int n = map.size();
        int height = map.height();
        int width = map.width();
        Scratch s = scratch.get();
        if (s.blurred == null || s.blurred.size() != n || s.blurred.height() != height) {
            s.blurred = LinearMap.zeros(height, width);
            s.tmp = new double[n];
        }
        blur.apply(map.p(), height, width, s.tmp, s.blurred.p());
        blur.apply(map.q(), height, width, s.tmp, s.blurred.q());
        inner.select(s.blurred, decisions, out);
    }

    /** Per-thread buffers: the blurred map and the blur's scratch row. */
    private static final class Scratch {
        LinearMap blurred;
        double[] tmp;
    }

    /**
     * Provides {@code smooth:S+SPEC}; the inner selector {@code SPEC} is resolved among the selectors that
     * {@link java.util.ServiceLoader} finds with the thread's context class loader (the same search as
     * {@code Plugins.load()}).
     */
    public static final class Provider implements RegionSelectorProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "smooth:S+SPEC blurs the map with a Gaussian of standard deviation S pixels, then selects with "
                    + "SPEC (e.g. smooth:1.5+threshold:0)";
        }

        @Override
        public int rank() {
            return 50;
        }

        @Override
        public RegionSelector create(String argument) {
            int plus = argument == null ? -1 : argument.indexOf('+');
            if (plus < 0 || plus == argument.length() - 1) {
                throw new InvalidInputException("selector smooth:" + (argument == null ? "" : argument)
                        + " needs S and a selector after '+', e.g. smooth:1.5+threshold:0");
            }
            double sigma = Specs.number(NAME, argument.substring(0, plus), Double.NaN);
            String spec = argument.substring(plus + 1).trim();
            int colon = spec.indexOf(':');
            String name = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
            String arg = colon < 0 ? null : spec.substring(colon + 1);
            PluginRegistry<RegionSelectorProvider> registry = PluginRegistry.load(RegionSelectorProvider.class,
                    "selector");
            return new SmoothedSelector(sigma, registry.get(name).create(arg));
        }
    }
}
