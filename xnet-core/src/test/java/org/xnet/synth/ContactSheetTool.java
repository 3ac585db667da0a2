package org.xnet.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.xnet.core.SegClass;
import org.xnet.core.Volume;
import org.xnet.io.Nifti;

/**
 * Not a test: renders a contact sheet (image | label for a few views of every CT volume in a
 * folder), prints class fractions and timings. Run:
 * {@code java -cp target/classes:target/test-classes:target/lib/* org.xnet.synth.ContactSheetTool DIR OUT.png}.
 */
public final class ContactSheetTool {
    private static final double[] ANGLES = {0, 90, 45, -30};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".nii.gz")).sorted().toList();
        }
        SynthConfig config = SynthConfig.defaults().withFraming(0, 1); // the whole body, no collimator
        int n = config.size();
        BufferedImage sheet = new BufferedImage(ANGLES.length * (2 * n + 10), files.size() * (n + 10),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        Synthesizer synth = new Synthesizer(config);
        for (int f = 0; f < files.size(); f++) {
            long t0 = System.nanoTime();
            Volume ct = Nifti.read(files.get(f));
            long t1 = System.nanoTime();
            BodyVolume body = BodyVolume.of(ct, config.bodyHu());
            long t2 = System.nanoTime();
            long[] counts = new long[3];
            for (int a = 0; a < ANGLES.length; a++) {
                Radiograph r = synth.render(body, new View(ANGLES[a], 0, 7 + a));
                for (int k = 0; k < 3; k++) {
                    counts[k] += r.labels().classCounts()[k];
                }
                int x0 = a * (2 * n + 10);
                int y0 = f * (n + 10);
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        int v = Math.round(255 * r.image().get(x, y));
                        sheet.setRGB(x0 + x, y0 + y, (v << 16) | (v << 8) | v);
                        sheet.setRGB(x0 + n + x, y0 + y, SegClass.of(r.labels().get(x, y)).rgb());
                    }
                }
            }
            long t3 = System.nanoTime();
            long total = counts[0] + counts[1] + counts[2];
            System.out.printf("%-28s read %.1f s, body %.1f s (%s), %.3f s/view; open beam %.1f %%, soft tissue %.1f %%, bone %.1f %%%n",
                    files.get(f).getFileName(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, body, (t3 - t2) / 1e9 / ANGLES.length,
                    100.0 * counts[0] / total, 100.0 * counts[1] / total, 100.0 * counts[2] / total);
        }
        ImageIO.write(sheet, "png", Path.of(args[1]).toFile());
    }
}
