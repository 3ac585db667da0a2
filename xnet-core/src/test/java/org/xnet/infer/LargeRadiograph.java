package org.xnet.infer;

import java.nio.file.Path;
import org.xnet.core.Image2D;
import org.xnet.core.XNetException;
import org.xnet.io.ImageWriters;

/**
 * A synthetic 16-bit radiograph of any size for memory measurements: open beam (60000) around an
 * elliptic body (30000, darker towards its middle) holding an elliptic bone (8000), all of it with a
 * faint ramp, so that the image has the three grey levels a model separates. Not a test: the memory
 * test and {@code scripts/predict-memory.sh} write their input with it
 * ({@code java -cp target/test-classes:target/xnet.jar:target/lib/* org.xnet.infer.LargeRadiograph OUT.tif 10000 10000}).
 */
public final class LargeRadiograph {
    private LargeRadiograph() {
    }

    /** Writes the radiograph, {@code width x height} pixels, as a 16-bit TIFF. */
    public static void write(Path file, int width, int height) throws XNetException {
        float[] pixels = new float[Math.multiplyExact(width, height)];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height - 0.5;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width - 0.5;
                double body = (u * u) / 0.12 + (v * v) / 0.2;
                double bone = (u * u) / 0.004 + (v * v) / 0.12;
                double value = bone < 1 ? 8000 : body < 1 ? 30000 - 8000 * (1 - body) : 60000;
                pixels[y * width + x] = (float) (value + 2000 * u);
            }
        }
        ImageWriters.writeTiff16(new Image2D(width, height, pixels), file);
    }

    public static void main(String[] args) throws XNetException {
        if (args.length != 3) {
            System.err.println("usage: LargeRadiograph OUT.tif WIDTH HEIGHT");
            System.exit(2);
        }
        write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    }
}
