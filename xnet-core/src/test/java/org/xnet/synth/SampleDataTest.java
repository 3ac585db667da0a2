package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Volume;
import org.xnet.io.Nifti;

class SampleDataTest {
    @TempDir
    Path dir;

    @Test
    void extractsReadableLpsVolumesWithTheirNoticesWithinTheSizeBudget() throws Exception {
        List<Path> volumes = SampleData.extract(dir);
        assertThat(volumes).hasSize(3);
        long total = 0;
        for (Path p : volumes) {
            total += Files.size(p);
            assertThat(Nifti.readHeader(p).orientation()).isEqualTo("LPS");
            Volume v = Nifti.read(p);
            assertThat(v.nx() * v.ny() * v.nz()).isGreaterThan(100_000);
            assertThat(BodyParts.fromFileName(p.getFileName().toString())).isIn("chest", "torso", "head");
        }
        assertThat(total).as("bytes of built-in CT").isLessThan(5_200_000);
        String notice = Files.readString(dir.resolve("NOTICE.md"));
        for (String name : SampleData.VOLUMES) {
            assertThat(notice).contains(name);
        }
        assertThat(Files.readString(dir.resolve("LICENSE-Apache-2.0.txt"))).contains("Apache License");
        Volume chest = Nifti.read(dir.resolve("itkelastix_chest3mm.nii.gz"));
        assertThat(chest.sizeString()).isEqualTo("170x170x94");
        assertThat(chest.sz()).isEqualTo(3.0);
    }
}
