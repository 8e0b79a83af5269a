package org.salientsi.sanity.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.salientsi.api.ir.Network;
import org.salientsi.api.result.Provenance;
import org.salientsi.core.eval.CompiledNetwork;
import org.salientsi.core.testing.TestNetworks;
import org.salientsi.sanity.SanityImage;
import org.salientsi.sanity.StudyProgress;
import org.salientsi.sanity.map.ControlMethods;
import org.salientsi.sanity.report.MaskReport;
import org.salientsi.sanity.shift.CrossDistractor;

/** Mask agreement over synthetic images: the Sobel control localises the crosses, and the report. */
class MaskStudyTest {

    private static final long DATA_SEED = 77L;

    @Test
    void sobelControlFindsTheCrossesAndReportIsWritten(@TempDir Path dir) throws Exception {
        Network net = TestNetworks.paperCam(28, 1L, false);
        List<SanityImage> images = new ArrayList<>();
        int i = 0;
        for (CrossDistractor.Sample s : CrossDistractor.generate(8, DATA_SEED, true)) {
            images.add(new SanityImage("s" + i++, s.image(), s.label(), s.label() == 1 ? s.mask() : null));
        }
        MaskStudy study = new MaskStudy(CompiledNetwork.compile(net), List.of(
                ControlMethods.get(ControlMethods.SOBEL, net, 1L), ControlMethods.get(ControlMethods.RANDOM, net, 1L)),
                MaskAgreement.viviano());
        MaskStudy.Result r = study.run(images, true, StudyProgress.NONE);
        assertThat(r.images()).hasSize(4);
        assertThat(r.skipped()).isEqualTo(4);
        // edges of the crosses cover most of the (blurred) top-|M| pixels; random maps cover about |M|/784
        assertThat(r.mean(0)[0]).isGreaterThan(r.mean(1)[0]);
        MaskReport.write(r, images, 28, 28, dir, MaskReport.summary(r, study.agreement().spec(), 0.1,
                Provenance.empty()));
        assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("methods")
                .get("control-sobel").get("iou").asDouble()).isEqualTo(r.mean(0)[0]);
        assertThat(dir.resolve("maps/0-m0.png")).exists();
        assertThat(dir.resolve("masks.csv")).content().startsWith("image,method,iou,iop,iot,pointing,rank_accuracy");
    }
}
