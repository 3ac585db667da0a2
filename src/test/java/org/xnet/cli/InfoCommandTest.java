package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xnet.model.CpuFeatures;
import org.xnet.model.Precision;

class InfoCommandTest {
    @Test
    void reportsOfflineModeAndTheDefaultPrecisionOfThisCpu() {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).isZero();
        String expected = Precision.defaultFor(CpuFeatures.detect()).cliName();
        assertThat(run.out()).contains("offline     true").contains("default precision " + expected);
    }
}
