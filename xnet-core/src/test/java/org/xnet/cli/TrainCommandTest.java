package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnet.io.DatasetFile;
import org.xnet.testutil.PhantomData;
import org.xnet.train.ScriptTools;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        Main.ensureOffline();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void needsExactlyOneOfOutAndResume() {
        assertThat(run("train", "--data", "x.h5")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--out DIR").contains("--resume DIR");
    }

    @Test
    void missingDatasetIsOneLineNamingTheFile() {
        assertThat(run("train", "--data", dir.resolve("none.h5").toString(), "--out", dir.resolve("o").toString(),
                "--no-progress")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("xnet: ").contains("none.h5").doesNotContain("Exception");
        assertThat(dir.resolve("o")).as("nothing written for a bad --data").doesNotExist();
    }

    @Test
    void trainsOneEpochAndRefusesToOverwriteIt() throws Exception {
        Path data = dir.resolve("tiny.h5");
        ScriptTools.main(new String[] {"dataset", data.toString()});
        Path outDir = dir.resolve("run");
        String[] args = {"train", "--data", data.toString(), "--out", outDir.toString(), "--name", "t", "--filters",
                "4,8,8,16", "--epochs", "1", "--batch", "8", "--augment", "none", "--no-progress"};
        assertThat(run(args)).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("finished after 1 epochs").contains("t.xnet");
        assertThat(Files.readAllLines(outDir.resolve("log.csv"))).hasSize(2)
                .first().isEqualTo("epoch,loss,acc,val_loss,val_acc,time,data_wait");
        assertThat(Files.readString(outDir.resolve("config.json"))).as("body parts balanced by default, as the original")
                .containsPattern("\"duplicate\"\\s*:\\s*true");
        assertThat(run(args)).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("finished run").contains("--overwrite");
    }

    /**
     * A loss that turns NaN stops training with one line naming where, and names no model file that
     * was not written. The NaN comes from the arithmetic, as in use: plain SGD with a learning rate
     * of 1e30 makes the weights so large after the first step that the validation's activations
     * overflow. (A NaN pixel in the data, which once served here, is now refused when the file is
     * read: {@link #aDatasetWithANanPixelIsRefusedBeforeTraining}; a NaN in a training step, in memory,
     * is {@code TrainerTest}'s.)
     */
    @Test
    void aNanLossExitsOneNamingTheEpochAndNoMissingFile() throws Exception {
        Path data = dir.resolve("tiny.h5");
        DatasetFile.write(PhantomData.dataset(16, 16, 4, 0, 5), data);
        Path outDir = dir.resolve("run");
        int exit = run("train", "--data", data.toString(), "--out", outDir.toString(), "--name", "t", "--filters",
                "4,8,8,16", "--epochs", "2", "--batch", "16", "--augment", "none", "--no-balance", "--no-progress",
                "--optimizer", "sgd", "--lr", "1e30");
        assertThat(exit).as(err.toString()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("xnet: training stopped after epoch 1: the validation loss is NaN")
                .endsWith("kept: no checkpoint, no model file (none was written)" + System.lineSeparator())
                .hasLineCount(1);
        assertThat(out.toString()).doesNotContain("finished").doesNotContain("t.xnet");
        assertThat(outDir.resolve("result.json")).doesNotExist();
        assertThat(outDir.resolve("checkpoint.zip")).doesNotExist();
        assertThat(outDir.resolve("t.xnet")).doesNotExist();
    }

    @Test
    void aDatasetWithANanPixelIsRefusedBeforeTraining() throws Exception {
        Path data = dir.resolve("nan.h5");
        DatasetFile.write(PhantomData.withTrainingPixel(PhantomData.dataset(16, 16, 4, 0, 5), 3, Float.NaN), data);
        Path outDir = dir.resolve("run");
        int exit = run("train", "--data", data.toString(), "--out", outDir.toString(), "--name", "t", "--filters",
                "4,8,8,16", "--epochs", "2", "--batch", "16", "--augment", "none", "--no-balance", "--no-progress");
        assertThat(exit).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).isEqualTo("xnet: dataset file " + data + ": dataset train_img has 1 of 4,096 pixels"
                + " that are not finite (NaN or infinite), the first in image 0; expected finite values"
                + System.lineSeparator());
        assertThat(outDir.resolve("checkpoint.zip")).doesNotExist();
        assertThat(outDir.resolve("log.csv")).doesNotExist();
    }

    @Test
    void noBalanceTurnsTheDuplicationOff() throws Exception {
        Path data = dir.resolve("tiny.h5");
        ScriptTools.main(new String[] {"dataset", data.toString()});
        Path outDir = dir.resolve("run");
        assertThat(run("train", "--data", data.toString(), "--out", outDir.toString(), "--filters", "4,8,8,16",
                "--epochs", "1", "--batch", "8", "--no-balance", "--no-progress")).as(err.toString()).isEqualTo(0);
        assertThat(Files.readString(outDir.resolve("config.json"))).containsPattern("\"duplicate\"\\s*:\\s*false");
    }

    @Test
    void domainRandomisationIsRecordedAndAnUnknownEffectIsAUsageErrorThatWritesNothing() throws Exception {
        Path data = dir.resolve("tiny.h5");
        ScriptTools.main(new String[] {"dataset", data.toString()});
        Path outDir = dir.resolve("run");
        assertThat(run("train", "--data", data.toString(), "--out", outDir.toString(), "--filters", "4,8,8,16",
                "--epochs", "1", "--batch", "8", "--domain-randomisation", "all", "--no-progress"))
                .as(err.toString()).isEqualTo(0);
        assertThat(Files.readString(outDir.resolve("config.json")))
                .containsPattern("\"domain_randomisation\"\\s*:\\s*\"all\"");
        Path bad = dir.resolve("bad");
        assertThat(run("train", "--data", data.toString(), "--out", bad.toString(), "--domain-randomisation", "glare",
                "--no-progress")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("glare");
        assertThat(bad).doesNotExist();
    }

    @Test
    void trainsFromAFileInTheOriginalsFormat() throws Exception {
        Path data = dir.resolve("tiny.h5");
        ScriptTools.main(new String[] {"dataset", data.toString()});
        Path params = dir.resolve("parameters.txt");
        // generate_parameters.py's keys and layout, tiny values; 5 filter entries as the original writes
        Files.writeString(params, "{\"name\": \"DLs16_4\", \"model_path\": \"Architectures/DoubleLinked.py\", "
                + "\"data_path\": \"" + data + "\", \"save_folder\": \"" + dir.resolve("Model0") + "\", "
                + "\"kernel_size\": 3, \"batch_size\": 8, \"filters\": [4, 8, 8, 16, 32], \"lrate\": 0.0001, "
                + "\"reg\": 0, \"loss\": \"fancy\", \"no_epochs\": 1, \"duplicate\": true}");
        assertThat(run("train", "--config", params.toString(), "--augment", "none", "--no-progress"))
                .as(err.toString()).isEqualTo(0);
        try (var files = Files.list(dir.resolve("Model0"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
                    "provenance.json", "log.csv", "checkpoint.zip", "DLs16_4.xnet", "result.json");
        }
        assertThat(Files.readString(dir.resolve("Model0/config.json"))).contains("\"architecture\" : \"xnet\"")
                .contains("\"loss\" : \"lovasz\"").contains("\"model_path\" : \"DLs16_4.xnet\"");
    }

    @Test
    void aBadConfigFileIsExitOneNamingItAndWritesNothing() throws Exception {
        Path data = dir.resolve("tiny.h5");
        ScriptTools.main(new String[] {"dataset", data.toString()});
        Path params = dir.resolve("params.json");
        Files.writeString(params, "{\"architecture\": \"unet\", \"filters\": [4, 8]}");
        Path o = dir.resolve("o");
        assertThat(run("train", "--config", params.toString(), "--data", data.toString(), "--out", o.toString(),
                "--no-progress")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).startsWith("xnet: ").contains("params.json").contains("unet needs 5 filter depths");
        Files.writeString(params, "{\"model_path\": \"checkpoint.zip\"}");
        assertThat(run("train", "--config", params.toString(), "--data", data.toString(), "--out", o.toString(),
                "--no-progress")).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains("params.json").contains("checkpoint.zip");
        assertThat(run("train", "--data", data.toString(), "--out", o.toString(), "--arch", "unet", "--filters", "4,8",
                "--no-progress")).isEqualTo(Main.EXIT_USAGE);
        assertThat(o).as("nothing written for a bad config").doesNotExist();
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheRun() {
        Path o = dir.resolve("o");
        assertThat(run("train", "--resume", o.toString(), "--epochs", "5", "--data", "x.h5", "--config", "c.json",
                "--no-progress")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("; --epochs, --data, --config cannot be given with it (only "
                + "--no-progress, --precision and --layout can)");
    }
}
