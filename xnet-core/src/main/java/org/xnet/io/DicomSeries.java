package org.xnet.io;

import org.xnet.core.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.xnet.core.Image2D;
import org.xnet.core.Volume;
import org.xnet.core.XNetException;

/**
 * Reads a folder holding one DICOM series (e.g. a CT scan, one file per slice) into a
 * {@link Volume} of rescaled values (Hounsfield units for CT).
 *
 * <p>Slices are ordered by Image Position (Patient) projected on the slice normal (row direction x
 * column direction), increasing; where positions are missing, by Instance Number. The grid (x along
 * the rows, y down the columns, z along the normal) is then reordered to LPS (x toward the patient's
 * left, y posterior, z superior) from Image Orientation (Patient), as {@link Nifti} does, so prone,
 * coronal and sagittal series give the same volume as a supine axial one; without positions it is
 * left as stored (an axial supine series is LPS already). Spacing: x and y from Pixel Spacing (row
 * spacing is y, column spacing is x); z from the slice positions (every gap within 1 % of the
 * smallest; their mean), else Spacing Between Slices, else Slice Thickness, each following its axis
 * to LPS. Files without a DICOM preamble and DICOM files without pixel data (DICOMDIR) are skipped.
 */
public final class DicomSeries {

    private static final double SPACING_TOLERANCE = 0.01;

    private DicomSeries() {
    }

    /** One slice: its file, parsed header and position along the slice normal (NaN when unknown). */
    private record Slice(Path file, DicomObject dicom, DicomPixels.Format format, double position, int instance) {
    }

    /** Reads the series in {@code dir}; every problem is an {@link XNetException} naming the folder or file. */
    public static Volume read(Path dir) throws XNetException {
        List<Slice> slices = order(dir, slices(dir));
        Slice first = slices.get(0);
        int nx = first.format().columns();
        int ny = first.format().rows();
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(nx, ny), slices.size())];
        for (int z = 0; z < slices.size(); z++) {
            Slice s = slices.get(z);
            try {
                Image2D image = DicomPixels.decode(s.dicom(), false);
                System.arraycopy(image.data(), 0, data, z * nx * ny, nx * ny);
            } catch (DicomFormatException e) {
                throw new XNetException(s.file() + ": " + e.getMessage(), e);
            }
        }
        double[] pixelSpacing = pixelSpacing(first);
        double[] spacing = {pixelSpacing[1], pixelSpacing[0], sliceSpacing(dir, slices)};
        int[] n = {nx, ny, slices.size()};
        boolean positioned = slices.stream().noneMatch(s -> Double.isNaN(s.position()));
        return positioned ? LpsOrder.apply(n, spacing, rasAxes(first), data)
                : new Volume(nx, ny, n[2], data, spacing[0], spacing[1], spacing[2]);
    }

    /**
     * The RAS directions of the volume's axes as {@link LpsOrder} wants them: rows, columns and slice
     * normal from Image Orientation (Patient), whose patient frame is LPS (so x and y change sign).
     */
    private static double[] rasAxes(Slice s) throws XNetException {
        double[] o;
        try {
            o = s.dicom().decimals(DicomObject.IMAGE_ORIENTATION);
        } catch (DicomFormatException e) {
            throw new XNetException(s.file() + ": " + e.getMessage(), e);
        }
        double[][] axes = {{o[0], o[1], o[2]}, {o[3], o[4], o[5]}, cross(o)};
        double[] ras = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int w = 0; w < 3; w++) {
                ras[w * 3 + a] = (w == 2 ? 1 : -1) * axes[a][w];
            }
        }
        return ras;
    }

    private static List<Slice> slices(Path dir) throws XNetException {
        if (!Files.isDirectory(dir)) {
            throw new XNetException(dir + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new XNetException(dir + ": cannot list (" + AtomicFiles.describe(e) + ")", e);
        }
        List<Slice> slices = new ArrayList<>();
        Set<String> series = new TreeSet<>();
        for (Path file : files) {
            if (!isDicom(file)) {
                continue;
            }
            DicomObject o = DicomReader.parse(file);
            if (!o.hasPixelData()) {
                continue;
            }
            slices.add(slice(file, o));
            String uid = o.string(DicomObject.SERIES_UID);
            if (uid != null && !uid.isEmpty()) {
                series.add(uid);
            }
        }
        if (slices.isEmpty()) {
            throw new XNetException(dir + ": no DICOM image files (of " + files.size() + " files)");
        }
        if (series.size() > 1) {
            throw new XNetException(dir + ": holds " + series.size() + " DICOM series " + series
                    + "; give a folder with one series");
        }
        return slices;
    }

    private static boolean isDicom(Path file) throws XNetException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return ImageFormat.of(file) == ImageFormat.DICOM && !name.equals("dicomdir");
    }

    private static Slice slice(Path file, DicomObject o) throws XNetException {
        try {
            DicomPixels.Format f = DicomPixels.Format.of(o);
            double[] position = o.decimals(DicomObject.IMAGE_POSITION);
            double[] orientation = o.decimals(DicomObject.IMAGE_ORIENTATION);
            double along = Double.NaN;
            if (position.length == 3 && orientation.length == 6) {
                double[] normal = cross(orientation);
                along = position[0] * normal[0] + position[1] * normal[1] + position[2] * normal[2];
            }
            double instance = o.decimal(DicomObject.INSTANCE_NUMBER, Double.NaN);
            return new Slice(file, o, f, along, Double.isNaN(instance) ? Integer.MIN_VALUE : (int) instance);
        } catch (DicomFormatException e) {
            throw new XNetException(file + ": " + e.getMessage(), e);
        }
    }

    /** Row direction x column direction, from Image Orientation (Patient). */
    private static double[] cross(double[] o) {
        return new double[] {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    }

    private static List<Slice> order(Path dir, List<Slice> slices) throws XNetException {
        Slice first = slices.get(0);
        for (Slice s : slices) {
            if (s.format().columns() != first.format().columns() || s.format().rows() != first.format().rows()) {
                throw new XNetException(s.file() + ": slice is " + s.format().columns() + "x" + s.format().rows()
                        + " but " + first.file().getFileName() + " is " + first.format().columns() + "x"
                        + first.format().rows());
            }
        }
        boolean byPosition = slices.stream().noneMatch(s -> Double.isNaN(s.position()));
        boolean byInstance = slices.stream().noneMatch(s -> s.instance() == Integer.MIN_VALUE);
        if (!byPosition && !byInstance && slices.size() > 1) {
            throw new XNetException(dir + ": cannot order the slices: neither Image Position (Patient) "
                    + "with Image Orientation nor Instance Number is present in every file");
        }
        Comparator<Slice> key = byPosition ? Comparator.comparingDouble(Slice::position)
                : Comparator.comparingInt(Slice::instance);
        List<Slice> sorted = new ArrayList<>(slices);
        sorted.sort(key);
        for (int i = 1; i < sorted.size(); i++) {
            if (key.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new XNetException(dir + ": two slices at the same " + (byPosition ? "position" : "instance number")
                        + ": " + sorted.get(i - 1).file().getFileName() + " and " + sorted.get(i).file().getFileName());
            }
        }
        return sorted;
    }

    private static double[] pixelSpacing(Slice s) throws XNetException {
        try {
            double[] spacing = s.dicom().decimals(DicomObject.PIXEL_SPACING);
            if (spacing.length != 2 || !(spacing[0] > 0) || !(spacing[1] > 0)) {
                throw new XNetException(s.file() + ": no valid Pixel Spacing (0028,0030), found "
                        + Arrays.toString(spacing));
            }
            return spacing;
        } catch (DicomFormatException e) {
            throw new XNetException(s.file() + ": " + e.getMessage(), e);
        }
    }

    private static double sliceSpacing(Path dir, List<Slice> slices) throws XNetException {
        if (slices.size() > 1 && !Double.isNaN(slices.get(0).position())) {
            double smallest = Double.POSITIVE_INFINITY;
            for (int i = 1; i < slices.size(); i++) {
                smallest = Math.min(smallest, slices.get(i).position() - slices.get(i - 1).position());
            }
            for (int i = 1; i < slices.size(); i++) {
                double gap = slices.get(i).position() - slices.get(i - 1).position();
                if (gap - smallest > SPACING_TOLERANCE * smallest) {
                    throw new XNetException(dir + ": irregular slice spacing: " + String.format(Locale.ROOT,
                            "%.3f mm between %s and %s, %.3f mm elsewhere", gap,
                            slices.get(i - 1).file().getFileName(), slices.get(i).file().getFileName(), smallest)
                            + "; is a slice missing?");
                }
            }
            double mean = (slices.get(slices.size() - 1).position() - slices.get(0).position()) / (slices.size() - 1);
            return mean;
        }
        Slice first = slices.get(0);
        try {
            double between = first.dicom().decimal(DicomObject.SPACING_BETWEEN_SLICES, Double.NaN);
            double thickness = first.dicom().decimal(DicomObject.SLICE_THICKNESS, Double.NaN);
            double spacing = between > 0 ? between : thickness;
            if (!(spacing > 0)) {
                throw new XNetException(first.file() + ": no slice positions, Spacing Between Slices or Slice "
                        + "Thickness to tell the slice spacing");
            }
            return spacing;
        } catch (DicomFormatException e) {
            throw new XNetException(first.file() + ": " + e.getMessage(), e);
        }
    }
}
