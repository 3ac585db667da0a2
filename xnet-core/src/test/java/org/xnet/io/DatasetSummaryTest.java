package org.xnet.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;
import org.xnet.core.Split;

class DatasetSummaryTest {
    private static Sample sample(String part, int... classes) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) classes[i];
        }
        return new Sample(new Image2D(2, 2), new LabelMap(2, 2, b), part, part + ".tif");
    }

    private final Dataset dataset = new Dataset(
            List.of(sample("hand", 0, 0, 1, 2), sample("hand", 0, 0, 0, 0), sample("knee", 1, 1, 1, 2)),
            List.of(sample("knee", 2, 2, 2, 2)), List.of(), 2, 4095, -3);

    @Test
    void countsBodyPartsPerSplitAndClassFractions() {
        DatasetSummary s = DatasetSummary.of(dataset);
        assertThat(s.count("hand", Split.TRAIN)).isEqualTo(2);
        assertThat(s.count("knee", Split.TRAIN)).isEqualTo(1);
        assertThat(s.count("knee", Split.VALIDATION)).isEqualTo(1);
        assertThat(s.count("hand", Split.TEST)).isZero();
        assertThat(s.classFraction(Split.TRAIN, SegClass.OPEN_BEAM)).isEqualTo(6 / 12.0);
        assertThat(s.classFraction(Split.TRAIN, SegClass.SOFT_TISSUE)).isEqualTo(4 / 12.0);
        assertThat(s.classFraction(Split.TRAIN, SegClass.BONE)).isEqualTo(2 / 12.0);
        assertThat(s.classFraction(Split.VALIDATION, SegClass.BONE)).isEqualTo(1.0);
        assertThat(s.classFraction(Split.TEST, SegClass.BONE)).isZero();
    }

    @Test
    void formatsOneRowPerBodyPartAndOnePerSplit() {
        List<String> lines = DatasetSummary.of(dataset).format().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertThat(lines).contains("image size 2x2, raw values -3 to 4095",
                "body part train val test total",
                "hand 2 0 0 2",
                "knee 1 1 0 2",
                "total 3 1 0 4",
                "split open beam soft tissue bone",
                "train 50.0% 33.3% 16.7%",
                "val 0.0% 0.0% 100.0%",
                "test 0.0% 0.0% 0.0%");
    }
}
