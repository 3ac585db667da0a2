package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xnet.model.EngineInfo;
import org.xnet.model.Kernels;
import org.xnet.model.RuntimeOptions;
import org.xnet.model.RuntimeRequest;
import org.xnet.model.Workload;

class InfoCommandTest {
    @Test
    void reportsOfflineModeTheKernelVerdictsAndTheChosenConfigurations() throws Exception {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("offline     true");
        for (RuntimeOptions o : RuntimeOptions.all()) {
            assertThat(run.out()).containsPattern("(?m)^kernels +" + o.describe() + " +(correct|WRONG|forward correct)");
        }
        assertThat(run.out()).containsPattern("(?m)^oneDNN +(repaired|not affected|not applicable|failed): ");
        assertThat(run.out()).contains("training    " + Kernels.resolve(RuntimeRequest.AUTO, Workload.TRAINING).describe())
                .contains("inference   " + Kernels.resolve(RuntimeRequest.AUTO, Workload.INFERENCE).describe()
                        + " (default), folded graph");
    }

    @Test
    void checkKernelsPrintsTheTableOfEveryShape() {
        CliRun run = CliRun.of("info", "--check-kernels");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("64→3 3x3 on 2x64x13x11").contains("fp32 channels-last");
    }

    @Test
    void reportsThePinnedPyTorchVersionThreadsAndDevice() throws IOException {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher engine = Pattern.compile("(?m)^engine +PyTorch (\\S+) \\(DJL (\\S+)\\)$").matcher(run.out());
        assertThat(engine.find()).as(run.out()).isTrue();
        assertThat(engine.group(1)).isEqualTo(Engine.getInstance().getVersion())
                .isEqualTo(pomProperty("pytorch.native.version"));
        assertThat(engine.group(2)).isEqualTo(pomProperty("djl.version"));
        String configured = System.getProperty(EngineInfo.THREADS_PROPERTY);
        assertThat(run.out()).containsPattern("(?m)^threads +" + (configured != null
                ? Pattern.quote(configured + " (configured)")
                : "libtorch default \\(not configured; " + Runtime.getRuntime().availableProcessors() + " processors\\)")
                + "$");
        assertThat(run.out()).containsPattern("(?m)^device +cpu\\(\\)$");
        assertThat(run.out()).containsPattern("(?m)^xnet +\\d+\\.\\d+\\.\\d+");
    }

    /** A property of the module's or the parent's pom.xml (the tests run in the module directory). */
    private static String pomProperty(String name) throws IOException {
        String pom = Files.readString(Path.of("pom.xml")) + Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("%s in pom.xml", name).isTrue();
        return m.group(1).strip();
    }
}
