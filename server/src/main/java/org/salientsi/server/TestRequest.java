package org.salientsi.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.image.Image;
import org.salientsi.core.engine.TestSpec;
import org.salientsi.core.multiplicity.FdrMethod;
import org.salientsi.core.region.ComponentSplit;
import org.salientsi.core.search.SelectiveTest;
import org.salientsi.facade.NpyCovariance;
import org.salientsi.io.NpyArray;

/**
 * The body of {@code POST /v1/test}: one JSON object with the model's name, the image, its reference(s)
 * and the options of {@code salientsi test} under their command-line names (without the dashes):
 *
 * <pre>{@code
 * {"model": "model_16", "image": [[0.1, ...], ...], "reference": {"npy": "k05VTVBZ...", "name": "r.npy"},
 *  "sigma": 1, "method": "cam", "selector": "threshold:0", "alternative": "two-sided"}
 * }</pre>
 *
 * <p>Fields: {@code model} (required), {@code image} (required), {@code reference} or
 * {@code references} (a list; their mean is used), {@code sigma} or {@code covariance} (exactly one),
 * and the optional {@code method}, {@code selector}, {@code statistic}, {@code alternative},
 * {@code target}, {@code cam-layer}, {@code termination}, {@code search} ({@code auto}, {@code exact} or
 * {@code certified}), {@code width-limit}, {@code range}, {@code confidence} with the
 * defaults of the command line, and {@code components} (4 or 8) with {@code min-component-size} for per-component
 * tests, with {@code fdr} ({@code by}, the default, or {@code bh}) for the adjustment of the components' p-values
 * within the image (the answer then has the {@code components} array with {@code fdr_p}, as {@code salientsi test
 * --components} writes it). Images and the covariance are arrays as {@link JsonArrays} reads them.
 * Every refusal is an {@link InvalidInputException} naming the field; the server says the command line's
 * messages in HTTP words ({@link org.salientsi.facade.ErrorMessages.Wording#HTTP}).
 *
 * @param model the model's name
 * @param image the test image
 * @param imageName the label the client gave the image, or {@code null}
 * @param references the references (none for an in-image test)
 * @param settings the validated options
 * @param components the per-component split ({@code "components": 4} or {@code 8}, with
 *     {@code "min-component-size"}), or {@code null} to test the whole region only
 * @param fdr the adjustment of the components' p-values within the image ({@code "fdr"}; Benjamini-Yekutieli
 *     by default), or {@code null} without components
 */
public record TestRequest(String model, Image image, String imageName, List<Image> references,
                          TestSpec settings, ComponentSplit components, FdrMethod fdr) {

    /** The fields a request may have. */
    public static final List<String> FIELDS = List.of("model", "image", "reference", "references", "sigma",
            "covariance", "method", "selector", "statistic", "alternative", "target", "cam-layer", "termination",
            "skipping", "range", "confidence", "channels", "samples", "noise", "noise-seed", "baseline", "window",
            "stride", "method-options", "components", "min-component-size", "fdr", "search", "width-limit");

    /** Request fields that are saliency-method parameters, with the parameter each sets. */
    private static final Map<String, String> METHOD_FIELDS = Map.of("channels", "channels", "samples", "m",
            "noise", "noise", "noise-seed", "seed", "baseline", "baseline", "window", "window", "stride", "stride");

    private static final Set<String> KNOWN = Set.copyOf(FIELDS);

    /** Copies the references. */
    public TestRequest {
        references = List.copyOf(references);
    }

    /**
     * @param body the parsed request body
     * @return the request
     * @throws InvalidInputException for a missing, unknown or malformed field, or an invalid option
     */
    public static TestRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("the request body must be a JSON object such as {\"model\": \"model_16\", "
                    + "\"image\": [[...]], \"sigma\": 1}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                throw new InvalidInputException("unknown field '" + f + "'; known: " + String.join(", ", FIELDS));
            }
        }
        String model = text(body, "model", null);
        if (model == null) {
            throw new InvalidInputException("missing required field 'model' (a model name; GET /v1/models lists them)");
        }
        JsonNode imageNode = body.get("image");
        if (imageNode == null || imageNode.isNull()) {
            throw new InvalidInputException("missing required field 'image' (a nested array of numbers, or "
                    + "{\"npy\": BASE64})");
        }
        if (present(body, "reference") && present(body, "references")) {
            throw new InvalidInputException("fields 'reference' and 'references' are mutually exclusive (specify only "
                    + "one)");
        }
        if (present(body, "sigma") && present(body, "covariance")) {
            throw new InvalidInputException("fields 'sigma' and 'covariance' are mutually exclusive (specify only "
                    + "one)");
        }
        if (!present(body, "sigma") && !present(body, "covariance")) {
            throw new InvalidInputException("missing field 'sigma' or 'covariance' (exactly one: the noise's standard "
                    + "deviation, or an n x n covariance of the pixels)");
        }
        // options first, as the command line checks them before it reads any image
        NpyArray covariance = present(body, "covariance")
                ? JsonArrays.read(body.get("covariance"), "covariance").array()
                : null;
        // the server runs --threads tests at once: one search thread each keeps within the cores
        TestSpec settings = TestSpec.defaults()
                .withMethod(text(body, "method", "cam"))
                .withTarget(integer(body, "target"))
                .withCamLayer(text(body, "cam-layer", null))
                .withMethodOptions(methodOptions(body))
                .withSelector(text(body, "selector", "threshold:0"))
                .withStatistic(text(body, "statistic", null))
                .withOption("alternative", text(body, "alternative", "two-sided"))
                .withOption("termination", text(body, "termination", "exhaustive"))
                .withOption("skipping", text(body, "skipping", "always"))
                .withOption("search", text(body, "search", "auto"))
                .withWidthLimit(number(body, "width-limit", SelectiveTest.withDefaults().widthLimit()))
                .withRange(number(body, "range", 10.0))
                .withConfidence(number(body, "confidence", 0.95));
        ComponentSplit split = null;
        FdrMethod fdr = null;
        if (present(body, "components")) {
            Integer c = integer(body, "components");
            Integer min = integer(body, "min-component-size");
            split = new ComponentSplit(c, min == null ? ComponentSplit.DEFAULT_MIN_SIZE : min);
            fdr = FdrMethod.parse(text(body, "fdr", FdrMethod.BY.label()));
        } else {
            for (String field : List.of("min-component-size", "fdr")) {
                if (present(body, field)) {
                    throw new InvalidInputException("field '" + field + "' applies to per-component tests: give "
                            + "'components' (4 or 8) too");
                }
            }
        }
        settings = settings.withNoise(NpyCovariance.sigmaOrCovariance(
                present(body, "sigma") ? number(body, "sigma", null) : null, covariance));
        JsonArrays.Named image = JsonArrays.read(imageNode, "image");
        List<Image> refs = new ArrayList<>();
        if (present(body, "reference")) {
            refs.add(JsonArrays.read(body.get("reference"), "reference").array().toImage());
        } else if (present(body, "references")) {
            JsonNode list = body.get("references");
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidInputException("references must be a non-empty list of arrays, got "
                        + (list.isArray() ? "an empty list" : JsonArrays.kind(list)));
            }
            for (int i = 0; i < list.size(); i++) {
                refs.add(JsonArrays.read(list.get(i), "references[" + i + "]").array().toImage());
            }
        }
        return new TestRequest(model, image.array().toImage(), image.name(), refs, settings, split, fdr);
    }

    /**
     * The method parameters: the fields named as the command line's options (a number or a string each;
     * a baseline image is not accepted over HTTP), and {@code method-options}, an object of further
     * parameters.
     */
    private static Map<String, String> methodOptions(JsonNode body) {
        Map<String, String> p = new java.util.TreeMap<>();
        JsonNode extra = body.get("method-options");
        if (extra != null && !extra.isNull()) {
            if (!extra.isObject()) {
                throw invalid("method-options", extra, "an object of parameters");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                p.put(e.getKey(), scalar("method-options." + e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<String, String> f : METHOD_FIELDS.entrySet()) {
            if (present(body, f.getKey())) {
                p.put(f.getValue(), scalar(f.getKey(), body.get(f.getKey())));
            }
        }
        return p;
    }

    private static String scalar(String field, JsonNode n) {
        if (n.isNumber() || n.isTextual()) {
            return n.asText();
        }
        throw invalid(field, n, "a number or a string");
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull();
    }

    private static String text(JsonNode body, String field, String fallback) {
        if (!present(body, field)) {
            return fallback;
        }
        JsonNode n = body.get(field);
        if (!n.isTextual()) {
            throw invalid(field, n, "a string");
        }
        return n.asText();
    }

    private static Double number(JsonNode body, String field, Double fallback) {
        if (!present(body, field)) {
            return fallback;
        }
        JsonNode n = body.get(field);
        if (!n.isNumber()) {
            throw invalid(field, n, "a number");
        }
        return n.asDouble();
    }

    private static Integer integer(JsonNode body, String field) {
        if (!present(body, field)) {
            return null;
        }
        JsonNode n = body.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw invalid(field, n, "an integer");
        }
        return n.asInt();
    }

    /** A value of the wrong JSON type, naming the field ("field 'sigma': 'one' is not a number"). */
    private static InvalidInputException invalid(String field, JsonNode value, String expected) {
        String shown = value.isValueNode() ? value.asText() : JsonArrays.kind(value);
        return new InvalidInputException("field '" + field + "': '" + shown + "' is not " + expected);
    }
}
