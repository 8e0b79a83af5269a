package org.salientsi.api.error;

/**
 * A model layer, vertex or operator outside the piecewise-linear IR, or a non-linear op inside the
 * part of the network that the selection depends on. Names the layer and its type.
 */
public class UnsupportedLayerException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    private final String layerName;
    private final String layerType;

    /**
     * @param layerName the layer's (node's) name in the model
     * @param layerType its type (class name or op type)
     * @param reason why it cannot be translated
     */
    public UnsupportedLayerException(String layerName, String layerType, String reason) {
        super("unsupported layer '" + layerName + "' of type " + layerType + ": " + reason);
        this.layerName = layerName;
        this.layerType = layerType;
    }

    /** @return the layer's name */
    public String layerName() {
        return layerName;
    }

    /** @return the layer's type */
    public String layerType() {
        return layerType;
    }
}
