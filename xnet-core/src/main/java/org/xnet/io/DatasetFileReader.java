package org.xnet.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xnet.core.Dataset;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;
import org.xnet.core.Split;
import org.xnet.core.XNetException;

/** Reads one open HDF5 file in the XNet layout, checking every shape and label on the way. */
final class DatasetFileReader {
    /** Values read per slice: bounds the memory of jhdf's nested arrays. */
    private static final long VALUES_PER_BATCH = 1 << 22;

    private final Path file;
    private final HdfFile hdf;

    DatasetFileReader(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    /** The dataset with the samples of {@code splits}; the other splits are left unread and empty. */
    Dataset read(Set<Split> splits) throws XNetException {
        long size = Math.round(number(DatasetFile.IMAGE_SIZE));
        if (size <= 0 || size > 1 << 15) {
            throw new XNetException("dataset file " + file + ": attribute image_size is " + size
                    + ", expected a positive image size");
        }
        double max = number(has(DatasetFile.RAW_MAX_VALUE) ? DatasetFile.RAW_MAX_VALUE : DatasetFile.MAX_VALUE);
        double min = number(has(DatasetFile.RAW_MIN_VALUE) ? DatasetFile.RAW_MIN_VALUE : DatasetFile.MIN_VALUE);
        List<Sample> train = splits.contains(Split.TRAIN) ? split(Split.TRAIN, (int) size) : List.of();
        List<Sample> validation = splits.contains(Split.VALIDATION) ? split(Split.VALIDATION, (int) size) : List.of();
        List<Sample> test = splits.contains(Split.TEST) ? split(Split.TEST, (int) size) : List.of();
        return new Dataset(train, validation, test, (int) size, max, min);
    }

    private boolean has(String attribute) {
        return hdf.getAttributes().containsKey(attribute);
    }

    private double number(String name) throws XNetException {
        Attribute attribute = hdf.getAttributes().get(name);
        if (attribute == null) {
            throw new XNetException("dataset file " + file + " has no attribute '" + name + "'");
        }
        Object value = attribute.getData();
        if (value != null && value.getClass().isArray() && Array.getLength(value) == 1) {
            value = Array.get(value, 0);
        }
        if (!(value instanceof Number n)) {
            throw new XNetException("dataset file " + file + ": attribute '" + name + "' is not a number");
        }
        return n.doubleValue();
    }

    private List<Sample> split(Split split, int size) throws XNetException {
        String prefix = split.prefix();
        List<String> names = List.of(prefix + "_img", prefix + "_label", prefix + "_bodypart", prefix + "_file");
        List<String> missing = names.stream().filter(n -> !hdf.getChildren().containsKey(n)).toList();
        if (missing.size() == names.size()) {
            return List.of();
        }
        if (!missing.isEmpty()) {
            throw new XNetException("dataset file " + file + " has no dataset '" + missing.get(0)
                    + "' (it has " + names.stream().filter(n -> !missing.contains(n)).toList() + ")");
        }
        io.jhdf.api.Dataset images = dataset(names.get(0));
        io.jhdf.api.Dataset labels = dataset(names.get(1));
        int count = images.getDimensions().length == 0 ? 0 : images.getDimensions()[0];
        checkShape(images, count, size, 1);
        checkShape(labels, count, size, SegClass.COUNT);
        String[] bodyParts = strings(dataset(names.get(2)), count);
        String[] sources = strings(dataset(names.get(3)), count);
        List<Sample> samples = new ArrayList<>(count);
        int batch = (int) Math.max(1, VALUES_PER_BATCH / ((long) size * size * SegClass.COUNT));
        long nonFinite = 0;
        int firstNonFinite = -1;
        for (int start = 0; start < count; start += batch) {
            int n = Math.min(batch, count - start);
            List<Image2D> imageBatch = DatasetFile.decodeImages(values(images, start, n), n, size, size);
            double[] labelValues = values(labels, start, n);
            for (int i = 0; i < n; i++) {
                long bad = ImageReaders.nonFinite(imageBatch.get(i).data());
                firstNonFinite = bad > 0 && firstNonFinite < 0 ? start + i : firstNonFinite;
                nonFinite += bad;
                LabelMap label = oneHot(labels, labelValues, i, start + i, size);
                samples.add(new Sample(imageBatch.get(i), label, bodyParts[start + i], sources[start + i]));
            }
        }
        requireFinite(images, nonFinite, firstNonFinite, (long) count * size * size);
        return samples;
    }

    /**
     * Images with NaN or infinite pixels are refused, as {@link ImageReaders} refuses such image
     * files: one would make every loss of its batch NaN and stop training, and normalisation spreads
     * them over the whole image.
     */
    private void requireFinite(io.jhdf.api.Dataset images, long nonFinite, int first, long pixels) throws XNetException {
        if (nonFinite > 0) {
            throw new XNetException(String.format(Locale.ROOT,
                    "dataset file %s: dataset %s has %,d of %,d pixels that are not finite (NaN or infinite), the first"
                            + " in image %d; expected finite values", file, images.getName(), nonFinite, pixels, first));
        }
    }

    private io.jhdf.api.Dataset dataset(String name) throws XNetException {
        Node node = hdf.getChildren().get(name);
        if (!(node instanceof io.jhdf.api.Dataset d)) {
            throw new XNetException("dataset file " + file + ": '" + name + "' is not a dataset");
        }
        return d;
    }

    private void checkShape(io.jhdf.api.Dataset d, int count, int size, int channels) throws XNetException {
        int[] dims = d.getDimensions();
        boolean ok = dims.length == 4 && dims[3] == channels
                || dims.length == 3 && channels == 1;
        ok = ok && dims[0] == count && dims[1] == size && dims[2] == size;
        if (!ok) {
            throw new XNetException("dataset file " + file + ": dataset " + d.getName() + " has shape "
                    + Arrays.toString(dims) + ", expected [" + count + ", " + size + ", " + size + ", "
                    + channels + "]");
        }
    }

    private String[] strings(io.jhdf.api.Dataset d, int count) throws XNetException {
        int[] dims = d.getDimensions();
        if (dims.length != 1 || dims[0] != count) {
            throw new XNetException("dataset file " + file + ": dataset " + d.getName() + " has shape "
                    + Arrays.toString(dims) + ", expected [" + count + "]");
        }
        if (count == 0) {
            return new String[0];
        }
        try {
            return HdfArrays.strings(d.getData());
        } catch (IllegalArgumentException e) {
            throw new XNetException("dataset file " + file + ": dataset " + d.getName() + " is "
                    + e.getMessage(), e);
        }
    }

    private double[] values(io.jhdf.api.Dataset d, int start, int n) throws XNetException {
        int[] dims = d.getDimensions();
        long[] offset = new long[dims.length];
        offset[0] = start;
        int[] shape = dims.clone();
        shape[0] = n;
        long total = 1;
        for (int s : shape) {
            total *= s;
        }
        double[] out = new double[Math.toIntExact(total)];
        try {
            HdfArrays.flatten(d.getData(offset, shape), out);
        } catch (IllegalArgumentException e) {
            throw new XNetException("dataset file " + file + ": dataset " + d.getName() + " is "
                    + e.getMessage(), e);
        }
        return out;
    }

    private LabelMap oneHot(io.jhdf.api.Dataset d, double[] values, int inBatch, int index, int size)
            throws XNetException {
        int[] bad = new int[1];
        int perImage = size * size * SegClass.COUNT;
        LabelMap label = DatasetFile.decodeOneHot(values, inBatch * perImage, size, size, bad);
        if (label == null) {
            int p = bad[0];
            double[] pixel = Arrays.copyOfRange(values, inBatch * perImage + p * SegClass.COUNT,
                    inBatch * perImage + (p + 1) * SegClass.COUNT);
            throw new XNetException("dataset file " + file + ": dataset " + d.getName() + " is not one-hot: image "
                    + index + " pixel (" + p % size + "," + p / size + ") has " + Arrays.toString(pixel));
        }
        return label;
    }
}
