package org.xnet.io;

import org.xnet.core.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.SegClass;
import org.xnet.core.Sha256;
import org.xnet.core.Split;
import org.xnet.core.XNetException;

/**
 * Reads and writes a {@link Dataset} as HDF5 in the original XNet layout, so that files prepared
 * by the original Python code can be used here and the other way round.
 *
 * <p>For each split prefix ({@code train}, {@code val}, {@code test}) the file holds
 * {@code PREFIX_img} (N,H,W,1) float64, {@code PREFIX_label} (N,H,W,3) one-hot,
 * {@code PREFIX_bodypart} and {@code PREFIX_file} (N) fixed-length strings; the root carries the
 * attributes {@code image_size}, {@code max_value} and {@code min_value}.
 *
 * <p>{@code max_value} and {@code min_value} are written as 1.0 and 0.0, the range of the
 * normalised images, because that is what the original's {@code create_h5.write_h5} wrote
 * (JosephPB/XNet); the raw pixel range of {@link Dataset#maxValue()}/{@link Dataset#minValue()}
 * goes to {@code raw_max_value}/{@code raw_min_value}. Reading takes the raw attributes when
 * present, else {@code max_value}/{@code min_value} (a file from the original code: 1 and 0).
 *
 * <p>Writing: labels are stored as uint8 (the original stored int64 via {@code np.int}: eight
 * times the size for the same values); datasets are contiguous and uncompressed; strings are
 * null-terminated UTF-8 of the longest string's length. A split without samples is left out
 * altogether (jhdf cannot write zero-length datasets). Reading accepts any integer or float type
 * for images and labels, (N,H,W) images, chunked and compressed datasets, fixed- and
 * variable-length strings, and treats a split whose four datasets are all absent as empty.
 * Images are held as float32, so float64 values written elsewhere are rounded on reading. As for
 * image files ({@link ImageReaders}), every pixel must be finite: a file whose images hold NaN or
 * infinite values (or float64 values beyond float32's range) is refused, naming the file, the
 * dataset, their count and the first image that holds one.
 */
public final class DatasetFile {
    static final String IMAGE_SIZE = "image_size";
    static final String MAX_VALUE = "max_value";
    static final String MIN_VALUE = "min_value";
    static final String RAW_MAX_VALUE = "raw_max_value";
    static final String RAW_MIN_VALUE = "raw_min_value";

    private DatasetFile() {
    }

    /** Writes {@code dataset} to {@code file} atomically (a temporary file moved into place). */
    public static void write(Dataset dataset, Path file) throws XNetException {
        AtomicFiles.write(file, temporary -> {
            try (WritableHdfFile hdf = HdfFile.write(temporary)) {
                hdf.putAttribute(IMAGE_SIZE, (long) dataset.imageSize());
                hdf.putAttribute(MAX_VALUE, 1.0);
                hdf.putAttribute(MIN_VALUE, 0.0);
                hdf.putAttribute(RAW_MAX_VALUE, dataset.maxValue());
                hdf.putAttribute(RAW_MIN_VALUE, dataset.minValue());
                for (Split split : Split.values()) {
                    writeSplit(hdf, split, dataset);
                }
            } catch (HdfException e) {
                throw new IOException("HDF5 error: " + e.getMessage(), e);
            }
        });
    }

    private static void writeSplit(WritableHdfFile hdf, Split split, Dataset dataset) {
        var samples = dataset.get(split);
        if (samples.isEmpty()) {
            return;
        }
        int size = dataset.imageSize();
        String prefix = split.prefix();
        hdf.putDataset(prefix + "_img", HdfArrays.images(samples.stream().map(s -> s.image()).toList(), size));
        hdf.putDataset(prefix + "_label", HdfArrays.oneHot(samples.stream().map(s -> s.label()).toList(), size),
                DatasetCreationOptions.builder().unsigned().build());
        hdf.putDataset(prefix + "_bodypart", samples.stream().map(s -> s.bodyPart()).toArray(String[]::new));
        hdf.putDataset(prefix + "_file", samples.stream().map(s -> s.source()).toArray(String[]::new));
    }

    /** Reads a dataset file written by {@link #write} or by the original Python code (h5py). */
    public static Dataset read(Path file) throws XNetException {
        return read(file, EnumSet.allOf(Split.class));
    }

    /**
     * As {@link #read(Path)}, reading only the images of {@code splits}; the others come back empty. An
     * evaluation of the test split then decodes neither the training nor the validation images (in
     * the demo, after training, that read grew the process by 0.2 GB; docs/BENCHMARKS.md issue 18).
     */
    public static Dataset read(Path file, Set<Split> splits) throws XNetException {
        if (!Files.isRegularFile(file)) {
            throw new XNetException("dataset file " + file + " does not exist");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return new DatasetFileReader(file, hdf).read(splits);
        } catch (RuntimeException e) {
            // jhdf reports most damage as HdfException, the rest as whatever its arithmetic or buffers
            // throw (ArithmeticException for a negative superblock address: DatasetFileFuzzTest), often
            // without naming what it was reading
            throw new XNetException("cannot read dataset file " + file + ": expected an HDF5 file in the XNet layout, "
                    + "found a damaged or truncated one (" + AtomicFiles.describe(e) + ")", e);
        } catch (OutOfMemoryError e) {
            // jhdf allocates an object header's declared size before reading it (DatasetFileFuzzTest)
            throw new XNetException("cannot read dataset file " + file + ": expected an HDF5 file in the XNet layout, "
                    + "found one declaring a size that does not fit in memory", e);
        }
    }

    /** The SHA-256 of a file's bytes, as 64 lower-case hex digits (for provenance). */
    public static String sha256(Path file) throws XNetException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new XNetException("cannot read " + file + " to hash it: " + e.getMessage(), e);
        }
    }

    /** The label map of one image from its flattened one-hot values, or null with the bad pixel. */
    static LabelMap decodeOneHot(double[] values, int offset, int width, int height, int[] badPixel) {
        int classes = SegClass.COUNT;
        byte[] out = new byte[width * height];
        for (int p = 0; p < out.length; p++) {
            int hot = -1;
            for (int c = 0; c < classes; c++) {
                double v = values[offset + p * classes + c];
                if (v == 1) {
                    if (hot >= 0) {
                        hot = -2;
                        break;
                    }
                    hot = c;
                } else if (v != 0) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                badPixel[0] = p;
                return null;
            }
            out[p] = (byte) hot;
        }
        return new LabelMap(width, height, out);
    }

    /** Images of one batch from flattened values. */
    static List<Image2D> decodeImages(double[] values, int count, int width, int height) {
        List<Image2D> images = new ArrayList<>(count);
        int area = width * height;
        for (int n = 0; n < count; n++) {
            float[] data = new float[area];
            for (int i = 0; i < area; i++) {
                data[i] = (float) values[n * area + i];
            }
            images.add(new Image2D(width, height, data));
        }
        return images;
    }
}
