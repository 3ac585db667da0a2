package org.xnet.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xnet.core.Progress;
import org.xnet.core.XNetException;

/**
 * Plugins &gt; Segmentation &gt; XNet: segments the current image into open beam, soft tissue and
 * bone with the built-in model or a {@code .xnet} file, and shows the class mask (8-bit, class
 * colours), optionally the probabilities (a 3-slice stack) and an overlay on the image. Progress
 * goes to the status bar; Esc cancels between tiles. A thin front end: the work is
 * {@link XNetSegmentation#run}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Segmentation>XNet", headless = true)
public class XNetCommand extends ContextCommand {
    static final String BUILTIN = "built-in model";
    static final String MODEL_FILE = "model file (.xnet)";
    static final String TILED = "tiled";
    static final String RESIZE = "resize (as xnet predict)";

    /** The image to segment; the current image when not given (ImageJ 2 fills it with the active one). */
    @Parameter(required = false, persist = false)
    private ImagePlus image;

    @Parameter(label = "Model", choices = {BUILTIN, MODEL_FILE})
    private String model = BUILTIN;

    @Parameter(label = "Model file", required = false, style = FileWidget.OPEN_STYLE)
    private File modelFile;

    @Parameter(label = "Mode", choices = {TILED, RESIZE})
    private String mode = TILED;

    @Parameter(label = "Test-time augmentation (4 flips)")
    private boolean tta;

    @Parameter(label = "Show probabilities (3-slice stack)")
    private boolean probabilities;

    @Parameter(label = "Overlay the mask on the image")
    private boolean overlay = true;

    /** Whether the user asked to stop: Esc in ImageJ, or an interrupt of the command's thread. */
    BooleanSupplier stopRequested = () -> IJ.escapePressed() || Thread.currentThread().isInterrupted();

    private XNetSegmentation.Result result;

    @Override
    public void run() {
        ImagePlus target = image != null ? image : WindowManager.getCurrentImage();
        if (target == null) {
            fail("XNet: no image is open");
            return;
        }
        IJ.resetEscape();
        long start = System.nanoTime();
        try {
            IJ.showStatus("XNet: loading the model");
            XNetSegmentation.Settings settings = XNetSegmentation.Settings.of(BUILTIN.equals(model),
                    modelFile == null ? null : modelFile.toPath(), TILED.equals(mode), tta, probabilities, overlay);
            result = XNetSegmentation.run(target, settings, new StatusProgress(stopRequested));
        } catch (Progress.Cancelled e) {
            IJ.showProgress(1.0);
            IJ.showStatus("XNet: " + e.getMessage());
            cancel(e.getMessage());
            return;
        } catch (XNetException e) {
            fail(e.getMessage());
            return;
        }
        show(target);
        IJ.showStatus(String.format(Locale.ROOT, "XNet: done in %.1f s", (System.nanoTime() - start) / 1e9));
    }

    /** The results of the last run; {@code null} before a run, after a cancel or a failure. */
    XNetSegmentation.Result result() {
        return result;
    }

    private void show(ImagePlus target) {
        result.overlay().ifPresent(target::setOverlay);
        if (GraphicsEnvironment.isHeadless()) {
            return;
        }
        result.mask().show();
        result.probabilities().ifPresent(ImagePlus::show);
    }

    private void fail(String message) {
        IJ.showProgress(1.0);
        IJ.showStatus(message);
        if (!GraphicsEnvironment.isHeadless()) {
            IJ.error("XNet", message);
        }
        cancel(message);
    }
}
