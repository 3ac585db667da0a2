package org.xnet.cli;

import static org.xnet.testutil.BadFiles.bytes;
import static org.xnet.testutil.BadFiles.cut;
import static org.xnet.testutil.BadFiles.utf8;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.xnet.core.LabelMap;
import org.xnet.golden.GoldenModel;
import org.xnet.io.LabelImages;
import org.xnet.testutil.BadFiles;
import org.xnet.testutil.BodyPartData;

/**
 * The bad-input corpus: every case makes its files in an empty folder and names the command to run
 * on them, the file the one-line error must name and the output that must not appear. Files are
 * made here, small, from the project's writers and {@link BadFiles}; nothing is stored.
 */
final class BadInputCorpus {
    /** What the command must do with the input. */
    enum Outcome {
        /** exit 1, one line on stderr naming the file, nothing written */
        REFUSED,
        /** exit 0, no line on stderr, the output written */
        ACCEPTED
    }

    /** A command line, the file its error must name, and the output file or folder it would write. */
    record Run(List<String> args, String offending, Path output) {
    }

    /** Makes a case's files in {@code dir} and says how to run it. */
    interface Maker {
        Run make(Path dir) throws Exception;
    }

    /**
     * One case: the reader or command it exercises, its name, the expected outcome, what its error
     * line must say besides the file name (empty for an accepted input) and its maker.
     */
    record Case(String reader, String name, Outcome outcome, String says, Maker maker) {
        @Override
        public String toString() {
            return reader + ": " + name;
        }
    }

    private static final String GOLDEN = GoldenModel.resource("golden.xnet").toString();

    private BadInputCorpus() {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        images(c);
        dicom(c);
        labels(c);
        nifti(c);
        hdf5(c);
        models(c);
        configs(c);
        outputs(c);
        return c;
    }

    private static void images(List<Case> c) {
        refused(c, "image", "TIFF of zero bytes", "empty file, not an image", d -> predict(d, bytes(d.resolve("a.tif"), new byte[0])));
        refused(c, "image", "TIFF cut in half", "truncated or corrupt TIFF image", d -> predict(d, cut(tiff(d.resolve("a.tif")), 0.5)));
        refused(c, "image", "PNG of zero bytes", "empty file, not an image", d -> predict(d, bytes(d.resolve("a.png"), new byte[0])));
        refused(c, "image", "PNG cut in half", "truncated PNG image", d -> predict(d, cut(BadFiles.picture(d.resolve("a.png"), "png", 32, 32), 0.5)));
        refused(c, "image", "JPEG of zero bytes", "empty file, not an image", d -> predict(d, bytes(d.resolve("a.jpg"), new byte[0])));
        refused(c, "image", "JPEG cut in half", "truncated or corrupt JPEG image", d -> predict(d, cut(BadFiles.picture(d.resolve("a.jpg"), "jpg", 32, 32), 0.5)));
        refused(c, "image", "text named .tif (wrong magic)", "not an image (expected TIFF, PNG, JPEG or DICOM)", d -> predict(d, bytes(d.resolve("a.tif"), utf8("not an image"))));
        refused(c, "image", "TIFF declaring 100000x100000", "declares 100,000 x 100,000 pixels, more than the 268,435,456", d -> predict(d, BadFiles.tiffHeader(d.resolve("a.tif"), 100_000, 100_000)));
        refused(c, "image", "PNG declaring 100000x100000", "declares 100,000 x 100,000 pixels, more than the 268,435,456", d -> predict(d, BadFiles.pngHeader(d.resolve("a.png"), 100_000, 100_000)));
        refused(c, "image", "JPEG declaring 60000x60000", "declares 60,000 x 60,000 pixels, more than the 268,435,456", d -> predict(d, BadFiles.jpegDeclaring(d.resolve("a.jpg"), 60_000, 60_000)));
        refused(c, "image", "float TIFF all NaN", "4,096 of 4,096 pixels are not finite", d -> predict(d, BadFiles.floatTiff(d.resolve("a.tif"), 64, 64, 64 * 64, Float.NaN)));
        refused(c, "image", "float TIFF with 3 infinite pixels", "3 of 256 pixels are not finite", d -> predict(d, BadFiles.floatTiff(d.resolve("a.tif"), 16, 16, 3, Float.POSITIVE_INFINITY)));
        accepted(c, "image", "16-bit TIFF with one value", d -> {
            Path input = BadFiles.tiff16(d.resolve("flat.tif"), 24, 20, (x, y) -> 1234);
            return new Run(predictArgs(d, input), input.toString(), d.resolve("masks/flat_mask.png"));
        });
    }

    private static void dicom(List<Case> c) {
        refused(c, "dicom", "zero bytes", "empty file, not an image", d -> predict(d, bytes(d.resolve("a.dcm"), new byte[0])));
        refused(c, "dicom", "cut in its pixel data", "truncated: the pixel data", d -> predict(d, bytes(d.resolve("a.dcm"), cutBytes(BadFiles.dicom(8, 8, true), 40))));
        refused(c, "dicom", "cut in its header", "not a readable DICOM file", d -> predict(d, bytes(d.resolve("a.dcm"), java.util.Arrays.copyOf(BadFiles.dicom(8, 8, true), 150))));
        refused(c, "dicom", "no pixel data", "no pixel data (7FE0,0010)", d -> predict(d, bytes(d.resolve("a.dcm"), BadFiles.dicom(8, 8, false))));
        refused(c, "dicom", "unsupported transfer syntax (JPEG baseline)", "unsupported transfer syntax 1.2.840.10008.1.2.4.50", d -> predict(d, bytes(d.resolve("a.dcm"),
                BadFiles.encapsulatedDicom(BadFiles.JPEG_BASELINE, new byte[16]))));
        refused(c, "dicom", "JPEG 2000 fragment cut short", "truncated: a pixel data fragment", d -> predict(d, bytes(d.resolve("a.dcm"), BadFiles.cutFragmentDicom())));
        refused(c, "dicom", "JPEG 2000 fragment of garbage", "corrupt JPEG 2000 pixel data", d -> predict(d, bytes(d.resolve("a.dcm"),
                BadFiles.encapsulatedDicom(BadFiles.JPEG_2000, new byte[32]))));
        refused(c, "dicom", "declaring 65535x65535", "declares 65,535 x 65,535 pixels, more than the 268,435,456", d -> predict(d, bytes(d.resolve("a.dcm"), BadFiles.dicom(65_535, 65_535, true))));
        refused(c, "dicom", "preamble and DICM only", "no transfer syntax (0002,0010)", d -> {
            byte[] b = new byte[132];
            System.arraycopy(utf8("DICM"), 0, b, 128, 4);
            return predict(d, bytes(d.resolve("a.dcm"), b));
        });
    }

    private static void labels(List<Case> c) {
        refused(c, "label", "foreign colours (random RGB)", "are far from every label colour; is this a label image?", d -> {
            pairs(d);
            BufferedImage noise = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 256; i++) {
                noise.setRGB(i % 16, i / 16, random.nextInt(1 << 24));
            }
            Path label = d.resolve("labels/knee_1onehot.png");
            ImageIO.write(noise, "png", label.toFile());
            return prepare(d, label);
        });
        refused(c, "label", "zero bytes", "empty file, not an image", d -> {
            pairs(d);
            return prepare(d, bytes(d.resolve("labels/knee_1onehot.png"), new byte[0]));
        });
        refused(c, "label", "PNG cut in half", "truncated PNG image", d -> {
            pairs(d);
            return prepare(d, cut(d.resolve("labels/hand_2onehot.png"), 0.5));
        });
        refused(c, "label", "float TIFF", "a floating-point image is not a label image", d -> {
            pairs(d);
            Files.delete(d.resolve("labels/hand_1onehot.png"));
            return prepare(d, BadFiles.floatTiff(d.resolve("labels/hand_1onehot.tif"), 16, 16, 0, 0));
        });
        refused(c, "label", "other aspect ratio than its image", "the aspect ratios differ", d -> {
            pairs(d);
            Path label = d.resolve("labels/knee_2onehot.png");
            LabelImages.writeColour(new LabelMap(16, 8, new byte[128]), label);
            return prepare(d, label);
        });
        refused(c, "prepare", "label name matching no image", "without a label", d -> {
            pairs(d);
            Path label = d.resolve("labels/knee_2onehot.png");
            Files.move(label, d.resolve("labels/knee_3onehot.png"));
            return prepare(d, "knee_2.tif");
        });
        refused(c, "prepare", "radiograph with NaN pixels", "5 of 256 pixels are not finite", d -> {
            pairs(d);
            Files.delete(d.resolve("images/hand_2.tif"));
            return prepare(d, BadFiles.floatTiff(d.resolve("images/hand_2.tif"), 16, 16, 5, Float.NaN));
        });
        refused(c, "prepare", "radiograph cut in half", "truncated or corrupt TIFF image", d -> {
            pairs(d);
            return prepare(d, cut(d.resolve("images/knee_1.tif"), 0.5));
        });
        refused(c, "prepare", "colour table with an unknown key", "unknown key(s) [farTreshold]", d -> {
            pairs(d);
            Path table = bytes(d.resolve("colours.json"), utf8("{\"farTreshold\": 50}"));
            Run run = prepare(d, table);
            return new Run(with(run.args(), "--colours", table.toString()), run.offending(), run.output());
        });
        accepted(c, "prepare", "16-bit radiograph with one value", d -> {
            pairs(d);
            BadFiles.tiff16(d.resolve("images/hand_1.tif"), 16, 16, (x, y) -> 40_000);
            Run run = prepare(d, "hand_1.tif");
            return new Run(run.args(), run.offending(), run.output());
        });
    }

    private static void nifti(List<Case> c) {
        refused(c, "nifti", "zero bytes", "only 0 bytes of header", d -> synth(d, bytes(d.resolve("ct.nii"), new byte[0])));
        refused(c, "nifti", "cut in its voxels", "truncated voxel data", d -> synth(d, cut(BadFiles.nifti(d.resolve("ct.nii")), 0.8)));
        refused(c, "nifti", "wrong magic", "magic 'ni1', expected 'n+1'", d -> synth(d, bytes(d.resolve("ct.nii"),
                withMagic(Files.readAllBytes(BadFiles.nifti(d.resolve("ct.nii"))), "ni1"))));
        refused(c, "nifti", "zero pixdim", "pixdim[2] is 0.0, expected a positive voxel size", d -> synth(d, BadFiles.patchFloat(BadFiles.nifti(d.resolve("ct.nii")), 84, 0f)));
        refused(c, "nifti", "vox_offset past the end", "truncated NIfTI file", d -> synth(d, BadFiles.patchFloat(BadFiles.nifti(d.resolve("ct.nii")), 108, 4096f)));
        refused(c, "nifti", "declaring 32767x32767x32767", "volume too large", d -> {
            Path f = BadFiles.nifti(d.resolve("ct.nii"));
            for (int a = 0; a < 3; a++) {
                BadFiles.patchShort(f, 42 + 2 * a, Short.MAX_VALUE);
            }
            return synth(d, f);
        });
    }

    private static void hdf5(List<Case> c) {
        refused(c, "hdf5", "zero bytes (dataset info)", "found a damaged or truncated one", d -> info(bytes(d.resolve("data.h5"), new byte[0])));
        refused(c, "hdf5", "signature only (dataset info)", "found a damaged or truncated one", d -> info(bytes(d.resolve("data.h5"), signature())));
        refused(c, "hdf5", "signature only (evaluate)", "found a damaged or truncated one", d -> evaluate(d, bytes(d.resolve("data.h5"), signature())));
        refused(c, "hdf5", "text (wrong magic)", "found a damaged or truncated one", d -> info(bytes(d.resolve("data.h5"), utf8("train_img"))));
        refused(c, "hdf5", "cut in half (augment)", "found a damaged or truncated one", d -> {
            Path data = cut(BodyPartData.write(d.resolve("data.h5"), 1), 0.5);
            Path out = d.resolve("aug.h5");
            return new Run(List.of("augment", "--data", data.toString(), "--per-category", "2", "--out", out.toString()),
                    data.toString(), out);
        });
        refused(c, "hdf5", "missing train_label", "has no dataset 'train_label'", d -> {
            Map<String, Object> sets = BadFiles.trainDatasets(8);
            sets.remove("train_label");
            return info(BadFiles.hdf5(d.resolve("data.h5"), 8, sets));
        });
        refused(c, "hdf5", "train_img of the wrong shape", "has shape [2, 4, 4, 1], expected [2, 8, 8, 1]", d -> {
            Map<String, Object> sets = BadFiles.trainDatasets(8);
            sets.put("train_img", new double[2][4][4][1]);
            return info(BadFiles.hdf5(d.resolve("data.h5"), 8, sets));
        });
        refused(c, "hdf5", "label pixel of two classes", "is not one-hot: image 1 pixel (2,0)", d -> {
            Map<String, Object> sets = BadFiles.trainDatasets(8);
            ((byte[][][][]) sets.get("train_label"))[1][0][2][1] = 1;
            return info(BadFiles.hdf5(d.resolve("data.h5"), 8, sets));
        });
    }

    private static void models(List<Case> c) {
        refused(c, "model", "zero bytes", "not an xnet model file (not a zip archive)", d -> predictWith(d, bytes(d.resolve("m.xnet"), new byte[0])));
        refused(c, "model", "cut in half", "corrupt or truncated model file", d -> predictWith(d, cut(copyGolden(d), 0.5)));
        refused(c, "model", "text (wrong magic)", "not an xnet model file (not a zip archive)", d -> predictWith(d, bytes(d.resolve("m.xnet"), utf8("{\"formatVersion\": 1}"))));
        refused(c, "model", "zip-slip entry name", "entry name '../../evil.sh' points outside the archive", d -> {
            Map<String, byte[]> entries = BadFiles.entries(Path.of(GOLDEN));
            entries.put("../../evil.sh", utf8("echo hi"));
            return predictWith(d, BadFiles.zip(d.resolve("m.xnet"), entries));
        });
        refused(c, "model", "entry declaring 4 GB", "declares 4294967280 bytes, more than this Java can hold", d -> predictWith(d,
                BadFiles.zipDeclaring(d.resolve("m.xnet"), "model.json", utf8("{}"), 0xFFFF_FFF0L)));
        refused(c, "model", "model.json not JSON", "model.json is not valid JSON", d -> {
            Map<String, byte[]> entries = BadFiles.entries(Path.of(GOLDEN));
            entries.put("model.json", utf8("{\"formatVersion\": 1, \"spec\": "));
            return predictWith(d, BadFiles.zip(d.resolve("m.xnet"), entries));
        });
        refused(c, "model", "weights of the wrong shape (kernel 5 declared)", "kernel 5 needs (2, 1, 5, 5)", d -> {
            Map<String, byte[]> entries = BadFiles.entries(Path.of(GOLDEN));
            String json = new String(entries.get("model.json"), java.nio.charset.StandardCharsets.UTF_8);
            entries.put("model.json", utf8(json.replace("\"kernelSize\" : 3", "\"kernelSize\" : 5")));
            return predictWith(d, BadFiles.zip(d.resolve("m.xnet"), entries));
        });
        refused(c, "model", "weights entry missing", "missing weights.bin", d -> {
            Map<String, byte[]> entries = BadFiles.entries(Path.of(GOLDEN));
            entries.remove("weights.bin");
            return predictWith(d, BadFiles.zip(d.resolve("m.xnet"), entries));
        });
    }

    private static void configs(List<Case> c) {
        refused(c, "config", "train config with an unknown key", "unknown key \"lrat\" (known keys: [", d -> train(d, "{\"lrat\": 0.01}"));
        refused(c, "config", "train config with a wrong type", "key \"lrate\" has a value of the wrong type", d -> train(d, "{\"lrate\": \"fast\"}"));
        refused(c, "config", "train config not JSON", "cannot read training parameters", d -> train(d, "lrate = 0.01"));
        refused(c, "config", "sweep grid with an empty list", "\"lrate\" is an empty list; every grid key needs at least one value", d -> sweep(d, "{\"lrate\": []}"));
        refused(c, "config", "sweep grid with an unknown key", "unknown key \"lrates\"", d -> sweep(d, "{\"lrates\": [0.01]}"));
        refused(c, "config", "sweep grid with a wrong type", "key \"batch_size[0]\" has a value of the wrong type", d -> sweep(d, "{\"batch_size\": [\"five\"]}"));
    }

    private static void outputs(List<Case> c) {
        refused(c, "output", "prepare --out in /proc (not writable, even by root)", "cannot create a file in /proc", d -> {
            pairs(d);
            Path out = Path.of("/proc/xnet-corpus.h5");
            return new Run(List.of("prepare", "--images", d.resolve("images").toString(), "--labels",
                    d.resolve("labels").toString(), "--out", out.toString(), "--size", "8"), out.toString(), out);
        });
        refused(c, "output", "model init --out in /proc", "cannot create a file in /proc", d -> {
            Path out = Path.of("/proc/xnet-corpus.xnet");
            return new Run(List.of("model", "init", "--arch", "xnet", "--filters", "2,4,4,8", "--out", out.toString()),
                    out.toString(), out);
        });
        refused(c, "output", "predict --out in a read-only folder (skipped as root)", "", d -> {
            Path input = BadFiles.tiff16(d.resolve("a.tif"), 16, 16, (x, y) -> x * 100);
            Path locked = Files.createDirectories(d.resolve("locked"));
            locked.toFile().setWritable(false, false);
            Path out = locked.resolve("masks");
            return new Run(List.of("predict", "--model", GOLDEN, input.toString(), "--out", out.toString(),
                    "--fail-fast", "--no-progress"), out.toString(), out);
        });
    }

    // --- makers of commands ---

    private static List<String> predictArgs(Path dir, Path input) {
        return List.of("predict", "--model", GOLDEN, input.toString(), "--out", dir.resolve("masks").toString(),
                "--fail-fast", "--no-progress");
    }

    private static Run predict(Path dir, Path input) {
        return new Run(predictArgs(dir, input), input.toString(), dir.resolve("masks"));
    }

    private static Run predictWith(Path dir, Path model) throws Exception {
        Path input = BadFiles.tiff16(dir.resolve("a.tif"), 16, 16, (x, y) -> x * 100);
        Path out = dir.resolve("masks");
        return new Run(List.of("predict", "--model", model.toString(), input.toString(), "--out", out.toString(),
                "--fail-fast", "--no-progress"), model.toString(), out);
    }

    private static Run prepare(Path dir, Path offending) {
        return prepare(dir, offending.getFileName().toString());
    }

    private static Run prepare(Path dir, String offending) {
        Path out = dir.resolve("data.h5");
        return new Run(List.of("prepare", "--images", dir.resolve("images").toString(), "--labels",
                dir.resolve("labels").toString(), "--out", out.toString(), "--size", "8"), offending, out);
    }

    private static Run synth(Path dir, Path volume) {
        Path out = dir.resolve("synth");
        return new Run(List.of("synth", "--ct", volume.toString(), "--out", out.toString(), "--views", "1",
                "--size", "16"), volume.toString(), out);
    }

    private static Run info(Path data) {
        return new Run(List.of("dataset", "info", data.toString()), data.toString(), null);
    }

    private static Run evaluate(Path dir, Path data) {
        Path out = dir.resolve("eval");
        return new Run(List.of("evaluate", "--model", GOLDEN, "--data", data.toString(), "--out", out.toString()),
                data.toString(), out);
    }

    private static Run train(Path dir, String config) throws Exception {
        Path data = BodyPartData.write(dir.resolve("data.h5"), 1);
        Path file = bytes(dir.resolve("params.json"), utf8(config));
        Path out = dir.resolve("run");
        return new Run(List.of("train", "--data", data.toString(), "--out", out.toString(), "--config", file.toString(),
                "--no-progress"), file.toString(), out);
    }

    private static Run sweep(Path dir, String grid) throws Exception {
        Path data = BodyPartData.write(dir.resolve("data.h5"), 1);
        Path file = bytes(dir.resolve("grid.json"), utf8(grid));
        Path out = dir.resolve("sweep");
        return new Run(List.of("sweep", "--grid", file.toString(), "--data", data.toString(), "--out", out.toString(),
                "--no-progress"), file.toString(), out);
    }

    // --- files ---

    /** Two hands and two knees, 16x16 16-bit TIFFs with colour PNG labels, under images/ and labels/. */
    private static void pairs(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("labels"));
        for (String name : List.of("hand_1", "hand_2", "knee_1", "knee_2")) {
            BadFiles.tiff16(dir.resolve("images/" + name + ".tif"), 16, 16, (x, y) -> 1000 + 300 * x + y);
            byte[] classes = new byte[256];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = (byte) (i % 16 < 5 ? 0 : i % 16 < 11 ? 1 : 2);
            }
            LabelImages.writeColour(new LabelMap(16, 16, classes), dir.resolve("labels/" + name + "onehot.png"));
        }
    }

    private static Path tiff(Path file) throws Exception {
        return BadFiles.tiff16(file, 32, 32, (x, y) -> 100 * x + y);
    }

    private static Path copyGolden(Path dir) throws Exception {
        return Files.copy(Path.of(GOLDEN), dir.resolve("m.xnet"));
    }

    private static byte[] signature() {
        return new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    }

    /** {@code b} without its last {@code drop} bytes. */
    private static byte[] cutBytes(byte[] b, int drop) {
        return java.util.Arrays.copyOf(b, b.length - drop);
    }

    /** A NIfTI file's bytes with {@code magic} written at offset 344. */
    private static byte[] withMagic(byte[] b, String magic) {
        System.arraycopy(utf8(magic), 0, b, 344, magic.length());
        return b;
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static void refused(List<Case> c, String reader, String name, String says, Maker maker) {
        c.add(new Case(reader, name, Outcome.REFUSED, says, maker));
    }

    private static void accepted(List<Case> c, String reader, String name, Maker maker) {
        c.add(new Case(reader, name, Outcome.ACCEPTED, "", maker));
    }

    static Map<String, Long> countByReader() {
        Map<String, Long> counts = new LinkedHashMap<>();
        cases().forEach(k -> counts.merge(k.reader(), 1L, Long::sum));
        return counts;
    }
}
