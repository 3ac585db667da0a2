package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyPartsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "hand01.tif, hand",
            "leftHand_01.tif, hand",
            "right_knee_3.tif, knee",
            "asgknee3.tif, knee",
            "ASG_Foot2.TIFF, foot",
            "nof_2.tif, neckoffemur",
            "NOF12.dcm, neckoffemur",
            "anke_5.png, ankle",
            "lumbar12onehot.jpg, lumbarspin",
            "lumbar-spine 4.tif, lumbarspin",
            "left_fractured_wrist_2.tif, wrist",
            "right_lower_leg_1.tif, leg",
            "belly_pig_3.tif, pig",
            "plate_phantom.tif, phantom",
            "leg_lamb_2.tif, lamb",
            "01_chest.tif, chest",
            "shoulder.left.tif, shoulder",
            "skull 07.jpg, skull",
            "Images/Humans/elbow_9.tif, elbow",
            "left.tif, unknown",
            "0042.dcm, unknown",
            "CT0001, ct",
    })
    void derivesTheBodyPartFromTheFileName(String name, String expected) {
        assertThat(BodyParts.fromFileName(name)).isEqualTo(expected);
    }
}
