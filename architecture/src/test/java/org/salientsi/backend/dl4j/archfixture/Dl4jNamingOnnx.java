package org.salientsi.backend.dl4j.archfixture;

import org.salientsi.backend.onnx.archfixture.OnnxNamingCore;

/** Breaks "backends are independent": the DL4J backend names the ONNX backend. */
public final class Dl4jNamingOnnx {
    public OnnxNamingCore other;
}
