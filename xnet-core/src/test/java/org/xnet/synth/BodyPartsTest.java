package org.xnet.synth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyPartsTest {
    @ParameterizedTest
    @CsvSource({
        "vhm_pelvis.nii.gz, pelvis", "invesalius_head.nii.gz, head", "itkelastix_chest.nii.gz, chest",
        "totalseg_torso3mm.nii.gz, torso", "vtk_headsq_quarter.nii.gz, head", "Knee-2.nii, knee",
        "case0042_xyz.nii, case", "123.nii, body",
    })
    void partFromFileName(String file, String part) {
        assertThat(BodyParts.fromFileName(file)).isEqualTo(part);
    }

    @ParameterizedTest
    @CsvSource({"pelvis, vhm_pelvis, 3, pelvis_vhm-pelvis_v003", "head, a.b c, 12, head_a-b-c_v012"})
    void outputNamesStartWithThePart(String part, String stem, int index, String name) {
        assertThat(BodyParts.outputName(part, stem, index)).isEqualTo(name);
        // the prepare rule: first token, digits removed
        assertThat(name.split("_")[0].replaceAll("[0-9]", "")).isEqualTo(part);
    }
}
