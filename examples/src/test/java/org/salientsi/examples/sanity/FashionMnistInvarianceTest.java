package org.salientsi.examples.sanity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.api.spi.PluginRegistry;
import org.salientsi.io.Npy;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.invariance.InvarianceCheck;
import org.salientsi.sanity.invariance.ShiftCompensation;

/**
 * The input-invariance check on the example Fashion-MNIST CNN and two real test images whose uniform
 * background puts exact ties into max-pool windows along the path of integrated gradients: with the
 * reference moved by the shift (0 for the model, -1 for the compensated one), the maps at the images
 * themselves differ by up to 6e-5 (the compensated model's rounding breaks the ties its own way), at
 * the jittered images they agree to rounding, and the verdict is pass; with the zero reference for
 * both, the verdict stays fail.
 */
class FashionMnistInvarianceTest {

    private static final Path MODEL = Path.of("models/sanity/fashion-mnist-cnn.zip");

    @Test
    void exactTiesOnARealImageDoNotDecideTheVerdictOfIntegratedGradients() throws Exception {
        List<SanityImage> images = new ArrayList<>();
        for (String name : List.of("t10k-034", "t10k-035")) {
            images.add(SanityImage.of(name, Npy.read(resource("/fashion-mnist/" + name + ".npy")).data()));
        }
        PluginRegistry<SaliencyMethodProvider> methods = PluginRegistry.load(SaliencyMethodProvider.class,
                "saliency method");
        try (LoadedModel m = ModelIo.open(MODEL, 28)) {
            Network f1 = m.network();
            Parameters ig = Parameters.empty();
            Parameters moved = ig.with("baseline", "-1");
            InvarianceCheck check = InvarianceCheck.float64();
            InvarianceCheck.Result transformed = check.run(f1, new double[] {-1}, ShiftCompensation.Mode.BIAS_MAP,
                    images, (net, shifted) -> methods.get("integrated-gradients").create(net, shifted ? moved : ig));
            assertThat(transformed.equivalence()).isLessThan(1e-10);
            assertThat(transformed.maxRel()).as("ties decide the map at an image").isGreaterThan(1e-6);
            assertThat(transformed.images()).allSatisfy(r -> assertThat(r.jitteredRel()).isLessThan(1e-12));
            assertThat(transformed.verdict()).isEqualTo(InvarianceCheck.Verdict.PASS);

            InvarianceCheck.Result zero = check.run(f1, new double[] {-1}, ShiftCompensation.Mode.BIAS_MAP, images,
                    (net, shifted) -> methods.get("integrated-gradients").create(net, ig));
            assertThat(zero.verdict()).isEqualTo(InvarianceCheck.Verdict.FAIL);
            assertThat(zero.images()).allSatisfy(r -> assertThat(r.jitteredRel()).isGreaterThan(0.1));
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FashionMnistInvarianceTest.class.getResource(name).toURI());
    }
}
