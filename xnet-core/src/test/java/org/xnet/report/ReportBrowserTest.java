package org.xnet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written report in headless Chromium through the project's {@code scripts/report-screenshot.sh}: every image
 * renders, the screenshot covers the whole page, and a report with a broken image fails the check.
 */
@Tag("slow")
class ReportBrowserTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "report-screenshot.sh"); // tests run in xnet-core/
    private static final Pattern IMG_SRC = Pattern.compile("<img src=\"([^\"]*)\"");

    @TempDir
    static Path tmp;
    static Path report;

    @BeforeAll
    static void writeReport() throws Exception {
        assumeTrue(onPath("chromium"), "chromium is not on PATH (Debian package chromium); skipping browser checks");
        assertThat(SCRIPT).exists();
        report = tmp.resolve("report");
        ReportDemo.write(report, 3, 64);
    }

    @Test
    void everyImageRendersAndTheScreenshotShowsTheWholePage() throws Exception {
        Path png = tmp.resolve("shot.png");
        Run run = script(report.toString(), png.toString());
        assertThat(run.exitCode).as(run.output).isZero();
        // learning curve, ROC, two confusion matrices, three panels
        assertThat(run.output).contains("7 images, none broken");
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1280);
        Matcher page = Pattern.compile("page 1280x(\\d+)").matcher(run.output);
        assertThat(page.find()).as(run.output).isTrue();
        // the page is taller than a window, and the screenshot is as tall as the page
        assertThat(Integer.parseInt(page.group(1))).isGreaterThan(2000);
        assertThat(shot.getHeight()).isEqualTo(Integer.parseInt(page.group(1)));
    }

    @Test
    void aBrokenImageFailsTheCheckAndIsNamed() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        String html = Files.readString(report.resolve(Report.INDEX), StandardCharsets.UTF_8);
        List<String> sources = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(html);
        while (m.find()) {
            sources.add(m.group(1));
        }
        // the ROC plot with its PNG signature overwritten: bytes no decoder accepts
        String roc = sources.get(1);
        assertThat(roc).startsWith("data:image/png;base64,iVBORw0KGgo");
        html = html.replace(roc, roc.replace("base64,iVBORw0KGgo", "base64,AAAAAAAAAAA"));
        assertFailsTheCheck(broken, html, "1 of 7 images are broken: ROC curves");
    }

    @Test
    void aMissingImageFileFailsTheCheck() throws Exception {
        Path missing = tmp.resolve("missing");
        Files.createDirectories(missing);
        String html = Files.readString(report.resolve(Report.INDEX), StandardCharsets.UTF_8);
        Matcher m = IMG_SRC.matcher(html);
        assertThat(m.find()).isTrue();
        html = html.replace(m.group(1), "learning-curve.png");
        assertFailsTheCheck(missing, html, "1 of 7 images are broken: learning curve");
    }

    @Test
    void aPageWithoutImagesFailsTheCheck() throws Exception {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertFailsTheCheck(empty, "<!DOCTYPE html><html><body><p>no figures</p></body></html>", "shows no images");
    }

    /** Writes {@code html} as the index of {@code dir} and expects the check to fail with {@code message}. */
    private static void assertFailsTheCheck(Path dir, String html, String message) throws Exception {
        Files.writeString(dir.resolve(Report.INDEX), html, StandardCharsets.UTF_8);
        Run run = script(dir.toString());
        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.output).contains(message);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Run(p.exitValue(), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
