package org.salientsi.sanity.generalisation;

import java.util.Map;
import java.util.TreeMap;
import org.salientsi.api.error.InvalidValueException;

/**
 * One trained model's generalisation and localisation.
 *
 * @param name the model (variant and seed)
 * @param variant the training variant (baseline, masked, ...)
 * @param auc shifted-test AUC
 * @param iou per saliency method, the per-image IoU on the scored test images (same images, same order,
 *     for every method and every model)
 */
public record ModelOutcome(String name, String variant, double auc, Map<String, double[]> iou) {

    /**
     * @throws InvalidValueException if the AUC is not in [0, 1]
     */
    public ModelOutcome {
        if (!(auc >= 0 && auc <= 1)) {
            throw InvalidValueException.of("model %s: AUC %s is not in [0, 1]", name, auc);
        }
        TreeMap<String, double[]> copy = new TreeMap<>();
        iou.forEach((k, v) -> copy.put(k, v.clone()));
        iou = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param method a saliency method
     * @return its mean IoU over the images
     */
    public double meanIou(String method) {
        double[] v = iou.get(method);
        if (v == null || v.length == 0) {
            throw InvalidValueException.of("model %s has no IoU for method %s", name, method);
        }
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
