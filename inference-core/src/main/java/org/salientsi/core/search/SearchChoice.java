package org.salientsi.core.search;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.error.NotPiecewiseLinearException;
import org.salientsi.api.error.UnsupportedLayerException;
import org.salientsi.api.ir.Network;
import org.salientsi.api.ir.Node;
import org.salientsi.api.spi.Capabilities;
import org.salientsi.core.eval.CompiledNetwork;

/**
 * Which search a selection gets ({@link SearchMode}), and the typed refusal when the one asked for cannot run:
 * the exact walk needs a piecewise-linear method and piecewise-linear nodes under the method's required nodes;
 * the certified search needs a method that bounds its maps ({@link Capabilities#BOUNDS_MAPS}), a selector that
 * excludes and includes regions under bounds ({@link Capabilities#EXCLUDES_REGIONS},
 * {@link Capabilities#INCLUDES_REGIONS}) and a network whose nodes can all be bounded on a segment.
 */
final class SearchChoice {

    private SearchChoice() {
    }

    /**
     * @param asked the mode asked for
     * @param selection network, method and selector
     * @return {@link SearchMode#EXACT} or {@link SearchMode#CERTIFIED}
     * @throws NotPiecewiseLinearException, UnsupportedLayerException, InvalidInputException as
     *     {@link SelectiveTest#searchFor} says
     */
    static SearchMode resolve(SearchMode asked, Selection selection) {
        int[] required = selection.method().requiredNodes();
        CompiledNetwork network = selection.network();
        boolean linearMethod = selection.method().can(Capabilities.PIECEWISE_LINEAR);
        switch (asked) {
            case EXACT -> {
                if (!linearMethod) {
                    throw new NotPiecewiseLinearException(selection.method().name(),
                            selection.method().can(Capabilities.BOUNDS_MAPS));
                }
                Node smooth = firstSmooth(selection, required);
                if (smooth != null) {
                    throw new UnsupportedLayerException(smooth.name(), smooth.op().type(), "is not piecewise linear, "
                            + "so the exact search (search exact) cannot walk linear pieces; use search certified "
                            + "or auto for certified p-value bounds");
                }
                return SearchMode.EXACT;
            }
            case CERTIFIED -> {
                checkCertifiable(selection, required);
                return SearchMode.CERTIFIED;
            }
            default -> {
                if (linearMethod && network.piecewiseLinear(required)) {
                    return SearchMode.EXACT;
                }
                checkCertifiable(selection, required);
                return SearchMode.CERTIFIED;
            }
        }
    }

    private static void checkCertifiable(Selection selection, int[] required) {
        List<String> missing = new ArrayList<>();
        if (!selection.method().can(Capabilities.BOUNDS_MAPS)) {
            missing.add("saliency method '" + selection.method().name() + "' cannot bound its maps over a segment "
                    + "(capability " + Capabilities.BOUNDS_MAPS + ")");
        }
        for (String cap : new String[] {Capabilities.EXCLUDES_REGIONS, Capabilities.INCLUDES_REGIONS}) {
            if (!selection.selector().can(cap)) {
                missing.add("selector '" + selection.selector().name() + "' lacks capability " + cap);
            }
        }
        if (!selection.network().segmentBoundsSupported(required)) {
            missing.add("the network has a node the segment bounds do not support");
        }
        if (!missing.isEmpty()) {
            Node smooth = firstSmooth(selection, required);
            throw new InvalidInputException((smooth == null ? "" : "node '" + smooth.name() + "' ("
                    + smooth.op().type() + ") is not piecewise linear and ") + "the certified search cannot run: "
                    + String.join("; ", missing));
        }
    }

    /**
     * @return the first node (in id order) among the required ones and their ancestors whose op is not
     *     piecewise linear, or null
     */
    private static Node firstSmooth(Selection selection, int[] required) {
        if (selection.network().piecewiseLinear(required)) {
            return null;
        }
        Network net = selection.network().network();
        boolean[] needed = new boolean[net.size()];
        for (int r : required) {
            needed[r] = true;
        }
        for (int id = net.size() - 1; id >= 0; id--) {
            if (needed[id]) {
                for (int in : net.node(id).inputs()) {
                    needed[in] = true;
                }
            }
        }
        for (int id = 0; id < net.size(); id++) {
            if (needed[id] && !net.node(id).op().piecewiseLinear()) {
                return net.node(id);
            }
        }
        return null;
    }
}
