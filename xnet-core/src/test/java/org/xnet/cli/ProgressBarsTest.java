package org.xnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress bars are drawn on a terminal only; warnings are written in any case. */
class ProgressBarsTest {

    /** What drawing a three-step task writes to standard error, and to the warnings' writer. */
    private static String[] draw(boolean show, boolean terminal) {
        return draw(w -> new ProgressBars(w, show, terminal));
    }

    private static String[] draw(java.util.function.Function<PrintWriter, ProgressBars> make) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bars = new ByteArrayOutputStream();
        StringWriter warnings = new StringWriter();
        System.setErr(new PrintStream(bars, true, StandardCharsets.UTF_8));
        try (ProgressBars progress = make.apply(new PrintWriter(warnings, true))) {
            progress.start("predict", 3);
            progress.advance(1, "a.tif");
            progress.warn("b.tif: not an image");
            progress.advance(3, "c.tif");
        } finally {
            System.setErr(saved);
        }
        return new String[] {bars.toString(StandardCharsets.UTF_8), warnings.toString()};
    }

    @Test
    void aBarIsDrawnOnATerminalOnly() {
        assertThat(draw(true, true)[0]).contains("predict").contains("3/3");
        assertThat(draw(true, false)[0]).isEmpty();
        assertThat(draw(false, true)[0]).isEmpty();
        assertThat(draw(true, false)[1]).isEqualTo("xnet: b.tif: not an image" + System.lineSeparator());
    }

    @Test
    void withoutATerminalAskingForABarDrawsNothing() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null, "this JVM has a terminal");
        assertThat(draw(w -> ProgressBars.onTerminal(w, true))[0]).isEmpty();
    }
}
