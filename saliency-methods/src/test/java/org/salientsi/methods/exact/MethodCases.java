package org.salientsi.methods.exact;

import java.util.List;
import org.salientsi.api.ir.Network;
import org.salientsi.api.saliency.SaliencyMethod;
import org.salientsi.api.saliency.SaliencyMethodProvider;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.methods.cam.CamMethod;
import org.salientsi.methods.gradcam.GradCamMethod;
import org.salientsi.methods.gradient.GradientMethod;
import org.salientsi.methods.gradient.IntegratedGradientsMethod;
import org.salientsi.methods.gradient.SmoothGradMethod;
import org.salientsi.methods.testkit.Fixtures;

/** The piecewise-linear methods, each with options and a network that exercise it. */
final class MethodCases {

    /** One method on one network. */
    record Case(String label, Network network, SaliencyMethodProvider provider, Parameters parameters,
                SaliencyMethod method) {
        /** @return the same method explaining a fixed unit */
        SaliencyMethod withTarget(int unit) {
            return provider.create(network, parameters.with("target", Integer.toString(unit)));
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private MethodCases() {
    }

    static Case of(SaliencyMethodProvider provider, Network net, Parameters params, String label) {
        return new Case(provider.name() + " " + label + " " + params, net, provider, params,
                provider.create(net, params));
    }

    /** Every piecewise-linear method on a one-channel single-output net and a two-channel 3-class net. */
    static List<Case> all(int size) {
        Network paper = TestNetworks.paperCam(size, 3, true);
        Network random = TestNetworks.paperCam(size, 4, false);
        Network classifier = Fixtures.twoChannelClassifier(size, 5);
        Parameters none = Parameters.empty();
        Parameters maxAbs = none.with("channels", "max-abs");
        Parameters few = none.with("m", "3").with("noise", "0.5").with("seed", "7");
        return List.of(
                of(new CamMethod.Provider(), classifier, none, "classifier"),
                of(new GradCamMethod.Provider(), paper, none, "paper"),
                of(new GradCamMethod.Provider(), classifier, none, "classifier"),
                of(new GradientMethod.AbsoluteProvider(), random, none, "random"),
                of(new GradientMethod.AbsoluteProvider(), classifier, maxAbs, "classifier"),
                of(new GradientMethod.SignedProvider(), paper, none, "paper"),
                of(new GradientMethod.SignedProvider(), classifier, none, "classifier"),
                of(new GradientMethod.GradXInputProvider(), paper, none, "paper"),
                of(new GradientMethod.GradXInputProvider(), classifier, maxAbs, "classifier"),
                of(new SmoothGradMethod.Provider(), random, few, "random"),
                of(new SmoothGradMethod.Provider(), classifier, few.with("channels", "max-abs"), "classifier"),
                of(new IntegratedGradientsMethod.Provider(), paper, none.with("m", "3").with("baseline", "0.2"),
                        "paper"),
                of(new IntegratedGradientsMethod.Provider(), classifier, none.with("m", "2"), "classifier"));
    }
}
