package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Progress;
import org.xnet.core.SegClass;
import org.xnet.core.Volume;
import org.xnet.testutil.SharedData;

class SynthJobTest {
    @TempDir
    Path dir;

    /** Slow: decoding 20 JPEG 2000 slices of 512x512 takes about half a minute here. */
    @Test
    @Tag("slow")
    void dicomSeriesFolderIsAVolumeSource() throws Exception {
        Path series = SharedData.file("ct-dicom/totalseg_dicom20");
        List<SynthJob.Source> sources = SynthJob.plan(List.of(series), "abdomen");
        assertThat(sources).hasSize(1);
        Volume v = SynthJob.read(series);
        assertThat(v.sizeString()).isEqualTo("512x512x20");
        SynthConfig config = SynthConfig.defaults().withViews(1).withSize(64);
        List<SynthJob.Written> written = SynthJob.run(sources, dir, config, false, Progress.NONE);
        assertThat(written.get(0).fraction(SegClass.SOFT_TISSUE)).isGreaterThan(0.2);
        assertThat(written.get(0).fraction(SegClass.BONE)).isGreaterThan(0.02);
        assertThat(dir.resolve("Images/abdomen/abdomen_totalseg-dicom20_v000.tif")).exists();
        assertThat(dir.resolve("Labels/abdomen/abdomen_totalseg-dicom20_v000onehot.png")).exists();
    }

    @Test
    void volumeSeedsDependOnNameNotOrder() {
        assertThat(SynthJob.viewSeed(1, "a")).isEqualTo(SynthJob.viewSeed(1, "a"));
        assertThat(SynthJob.viewSeed(1, "a")).isNotEqualTo(SynthJob.viewSeed(1, "b"));
        assertThat(SynthJob.viewSeed(1, "a")).isNotEqualTo(SynthJob.viewSeed(2, "a"));
    }
}
