package org.salientsi.backend.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.salientsi.api.backend.LoadedModel;
import org.salientsi.api.backend.ModelBackend;
import org.salientsi.api.spi.Parameters;
import org.salientsi.core.conformance.BackendConformanceKit;

/**
 * The shared backend conformance kit on every fixture model and every model written from Java
 * (opsets 10 to 21): the IR's forward pass equals ONNX Runtime's within 1e-5 of the output's
 * largest magnitude (ONNX Runtime computes in float32), line evaluation equals point evaluation
 * inside each piece, and the pieces tile the range.
 */
class OnnxConformanceTest extends BackendConformanceKit {

    private static final List<Case> CASES = new ArrayList<>();
    private static Path generated;

    @BeforeAll
    static void loadModels() throws IOException {
        ModelBackend backend = new OnnxBackendProvider().backend();
        for (Fixtures.Fixture f : Fixtures.all()) {
            CASES.add(new Case(f.name(), backend.load(f.model(), Parameters.empty())));
        }
        generated = Files.createTempDirectory("onnx-conformance");
        for (GeneratedModels.Generated g : GeneratedModels.all()) {
            CASES.add(new Case(g.name(), backend.load(g.write(generated), Parameters.empty())));
        }
    }

    @AfterAll
    static void closeModels() throws IOException {
        for (Case c : CASES) {
            c.model().close();
        }
        CASES.clear();
        if (generated != null) {
            try (var files = Files.list(generated)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(generated);
        }
    }

    @Override
    protected List<Case> cases() {
        return CASES;
    }

    @Override
    protected double forwardTolerance() {
        return 1e-5;
    }

    /** Keeps LoadedModel imported for readers of this class: every case is a {@link LoadedModel}. */
    static LoadedModel first() {
        return CASES.get(0).model();
    }
}
