package org.salientsi.backend.onnx.archfixture;

import org.salientsi.core.archfixture.CoreHelper;

/** Breaks "a backend knows only the api": the ONNX backend names inference-core. */
public final class OnnxNamingCore {
    public CoreHelper core;
}
