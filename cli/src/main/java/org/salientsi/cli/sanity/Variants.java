package org.salientsi.cli.sanity;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.sanity.perturb.OutputSpec;
import org.salientsi.sanity.perturb.PerturbationConfig;
import org.salientsi.sanity.perturb.PerturbationUnit;
import org.salientsi.sanity.perturb.Replacement;

/** Builds the perturbation variants of {@code sanity metrics}: every combination of the listed choices. */
public final class Variants {

    private Variants() {
    }

    /**
     * @param replacements replacement specifications
     * @param units unit specifications
     * @param steps step counts (0: all features)
     * @param outputs output specifications
     * @param absolute whether to order by |r|
     * @param clip {@code LO:HI} or {@code null}
     * @param seeds seeds of random replacements
     * @param seed master seed
     * @return the variants, replacement varying slowest
     */
    public static List<PerturbationConfig> of(List<String> replacements, List<String> units, List<Integer> steps,
                                              List<String> outputs, boolean absolute, String clip, int seeds,
                                              long seed) {
        PerturbationConfig base = PerturbationConfig.defaults().withAbsoluteMap(absolute).withSeed(seed);
        if (clip != null) {
            String[] p = clip.split(":");
            try {
                base = base.withClip(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException("--clip needs LO:HI, got '" + clip + "'");
            }
        }
        List<PerturbationConfig> out = new ArrayList<>();
        for (String r : replacements) {
            Replacement rep = Replacement.parse(r);
            for (String u : units) {
                PerturbationUnit unit = PerturbationUnit.parse(u);
                for (int l : steps) {
                    for (String o : outputs) {
                        out.add(base.withReplacement(rep).withSeeds(rep.random() ? seeds : 1).withUnit(unit)
                                .withSteps(l).withOutput(OutputSpec.parse(o)));
                    }
                }
            }
        }
        return out;
    }
}
