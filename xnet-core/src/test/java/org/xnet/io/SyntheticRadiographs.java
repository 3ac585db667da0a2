package org.xnet.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;

/**
 * Writes synthetic radiographs (16-bit TIFF) and colour label images (PNG) for timing
 * {@code xnet prepare}; not a test. Each image is a bright open beam with a soft-tissue ellipse
 * holding a bone ellipse, a smooth gradient and noise; names cycle through 20 body parts.
 *
 * <p>Usage: {@code java -cp target/classes:target/test-classes:DEPS org.xnet.io.SyntheticRadiographs
 * OUT_DIR [COUNT=150] [SIZE=1500] [SEED=1]} writes {@code OUT_DIR/Images} and {@code OUT_DIR/Labels}.
 */
public final class SyntheticRadiographs {
    static final String[] BODY_PARTS = {"hand", "left_knee", "right_foot", "nof", "anke", "lumbar", "skull", "chest",
            "elbow", "wrist", "shoulder", "pelvis", "asgfemur", "tibia", "humerus", "spine", "finger", "toe", "jaw", "hip"};

    private SyntheticRadiographs() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        write(out, count, size, seed);
    }

    /** Writes {@code count} image/label pairs of {@code size x size}. */
    public static void write(Path out, int count, int size, long seed) throws Exception {
        Path images = Files.createDirectories(out.resolve("Images"));
        Path labels = Files.createDirectories(out.resolve("Labels"));
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String name = BODY_PARTS[i % BODY_PARTS.length] + "_" + (i / BODY_PARTS.length + 1);
            write(random, size, images.resolve(name + ".tif"), labels.resolve(name + "onehot.png"));
        }
    }

    private static void write(Random random, int size, Path image, Path label) throws XNetException {
        double cx = size * (0.4 + 0.2 * random.nextDouble());
        double cy = size * (0.4 + 0.2 * random.nextDouble());
        double rx = size * (0.2 + 0.15 * random.nextDouble());
        double ry = size * (0.25 + 0.15 * random.nextDouble());
        double gx = random.nextDouble() * 4000;
        float[] pixels = new float[size * size];
        byte[] classes = new byte[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                double r = dx * dx + dy * dy;
                SegClass c = r < 0.2 ? SegClass.BONE : r < 1 ? SegClass.SOFT_TISSUE : SegClass.OPEN_BEAM;
                double base = switch (c) {
                    case OPEN_BEAM -> 58000;
                    case SOFT_TISSUE -> 32000;
                    case BONE -> 12000;
                };
                double v = base + gx * x / size + 500 * random.nextGaussian();
                pixels[y * size + x] = (float) Math.max(0, Math.min(65535, Math.rint(v)));
                classes[y * size + x] = (byte) c.index();
            }
        }
        ImageWriters.writeTiff16(new Image2D(size, size, pixels), image);
        LabelImages.writeColour(new LabelMap(size, size, classes), label);
    }
}
