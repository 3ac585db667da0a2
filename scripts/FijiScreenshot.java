import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.io.File;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.xnet.fiji.XNetCommand;

/**
 * Driven by scripts/fiji-screenshot.sh under Xvfb: starts ImageJ's GUI, opens a radiograph, runs
 * Plugins > Segmentation > XNet on it (built-in model, tiled, probabilities and overlay) through
 * SciJava as Fiji would, lays the windows out and saves a picture of the screen.
 * Usage: java -cp IJ:SCIJAVA:PLUGIN_JAR FijiScreenshot.java RADIOGRAPH OUT.png
 */
public class FijiScreenshot {
    public static void main(String[] args) throws Exception {
        new ImageJ();
        ImagePlus image = IJ.openImage(args[0]);
        image.show();
        IJ.wait(1000);
        Context context = new Context(CommandService.class);
        Module module = context.service(CommandService.class).run(XNetCommand.class, true, Map.of("image", image,
                "model", "built-in model", "mode", "tiled", "tta", false, "probabilities", true, "overlay", true)).get();
        if (((XNetCommand) module.getDelegateObject()).isCanceled()) {
            throw new IllegalStateException("the command failed: " + ((XNetCommand) module.getDelegateObject()).getCancelReason());
        }
        IJ.wait(1500);
        place(image, 0, 120, 42);
        for (int id : WindowManager.getIDList()) {
            ImagePlus shown = WindowManager.getImage(id);
            if (shown.getTitle().endsWith("-mask")) {
                place(shown, 750, 120, 25);
            } else if (shown.getTitle().endsWith("-probabilities")) {
                shown.setSlice(3);
                place(shown, 750, 600, 25);
            }
        }
        IJ.wait(2500);
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        ImageIO.write(new Robot().createScreenCapture(screen), "png", new File(args[1]));
        System.exit(0);
    }

    /** Shows {@code image} at {@code zoom} percent with its window's top left corner at (x, y). */
    private static void place(ImagePlus image, int x, int y, int zoom) {
        IJ.run(image, "Set... ", "zoom=" + zoom);
        IJ.wait(500);
        image.getWindow().setLocation(x, y);
    }
}
