package org.xnet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.DatasetFile;
import org.xnet.io.ImageReaders;
import org.xnet.io.LabelImages;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;
import org.xnet.testutil.PhantomData;
import org.xnet.train.EpochRow;
import org.xnet.train.RunFolder;
import org.xnet.train.TrainConfig;
import org.xnet.train.TrainingJob;
import org.xnet.train.TrainingListener;

/**
 * The README's "Use as a library" examples, run by the build: the code between the markers is the
 * README's, word for word (besides where the inputs come from), and the assertions check that it
 * does what the README says.
 */
class LibraryExamplesTest {
    private static final String GOLDEN = "/org/xnet/golden/";

    @TempDir
    Path dir;

    @Test
    void segmentAnInMemoryImageWithTheMachinesChosenArithmetic() throws Exception {
        Image2D radiograph = ImageReaders.read(resource("input.tif"), "input.tif"); // e.g. an ImageJ image's pixels
        // README: segment
        RuntimeOptions options = Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE); // checked kernels, fastest
        try (InputStream model = LibraryExamplesTest.class.getResourceAsStream(GOLDEN + "golden.xnet");
             Segmenter segmenter = Segmenter.load(model, "golden.xnet", options)) {
            LabelMap mask = segmenter.segment(radiograph, SegmenterOptions.resize()); // 0 open beam, 1 tissue, 2 bone
            // README: end
            assertThat(mask.width()).isEqualTo(radiograph.width());
            assertThat(mask.height()).isEqualTo(radiograph.height());
            LabelMap expected = LabelImages.read(resourcePath("mask.png"));
            int same = 0;
            for (int i = 0; i < mask.data().length; i++) {
                same += mask.data()[i] == expected.data()[i] ? 1 : 0;
            }
            // the golden mask is FP32's; bf16, where chosen, may flip a few near-ties (GoldenModelTest)
            assertThat(same).isGreaterThanOrEqualTo((int) Math.ceil(0.98 * mask.data().length));
            assertThat(segmenter.provenance()).containsEntry("precision", options.precision().cliName());
        }
    }

    @Test
    void trainWithACustomListener() throws Exception {
        Path data = dir.resolve("phantoms.h5");
        DatasetFile.write(PhantomData.dataset(16, 24, 8, 0, 3), data);
        Path runFolder = dir.resolve("run");
        List<String> printed = new ArrayList<>();
        // README: train
        TrainConfig config = TrainConfig.defaults().with(Map.of("name", "mine", "filters", List.of(4, 8, 8, 16),
                "no_epochs", 3, "batch_size", 8, "augmentation", "none"));
        TrainingListener log = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRow row, List<EpochRow> rows) {
                printed.add(String.format("epoch %d: val_loss %.4f", row.epoch(), row.valLoss()));
            }
        };
        RunFolder.Result result = TrainingJob.run(new TrainingJob.Request(config, data, runFolder, false, false,
                RuntimeRequest.AUTO, List.of(log)), new AtomicBoolean());
        // README: end
        assertThat(printed).hasSize(3).allMatch(line -> line.matches("epoch [123]: val_loss \\d+\\.\\d{4}"));
        assertThat(result.completedEpochs()).isEqualTo(3);
        assertThat(runFolder.resolve(result.modelFile())).isRegularFile();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = LibraryExamplesTest.class.getResourceAsStream(GOLDEN + name)) {
            return in.readAllBytes();
        }
    }

    private static Path resourcePath(String name) throws Exception {
        return Path.of(LibraryExamplesTest.class.getResource(GOLDEN + name).toURI());
    }
}
