package org.xnet.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.xnet.core.Volume;
import org.xnet.core.XNetException;

/**
 * Reads NIfTI-1 single-file volumes ({@code .nii}, gzip-compressed {@code .nii.gz}) of either byte
 * order. Values are scaled by scl_slope/scl_inter (slope 0 means unscaled). The returned volume is
 * reordered to LPS voxel order — x toward the patient's left, y posterior, z superior — by the axis
 * permutation and flips closest to the file's sform (or qform), so z is always the body's long axis
 * and y the anterior-posterior axis. Oblique volumes are not resampled: each voxel axis is assigned
 * to the anatomical axis it is closest to. A voxel size (pixdim[1..3]) of zero or not finite is
 * refused; its sign is ignored. A volume whose voxels would not fit the Java heap is refused
 * before any voxel is read.
 */
public final class Nifti {
    static final int UINT8 = 2;
    static final int INT16 = 4;
    static final int INT32 = 8;
    static final int FLOAT32 = 16;
    static final int FLOAT64 = 64;
    static final int INT8 = 256;
    static final int UINT16 = 512;
    private static final int HEADER_SIZE = 348;

    private Nifti() {
    }

    /** Reads the volume in {@code file}, scaled to real values and reordered to LPS. */
    public static Volume read(Path file) throws XNetException {
        try (InputStream in = open(file)) {
            NiftiHeader header = parseHeader(file, in.readNBytes(HEADER_SIZE));
            in.skipNBytes(header.voxOffset() - HEADER_SIZE);
            long count = (long) header.dims()[0] * header.dims()[1] * header.dims()[2];
            long bytes = count * header.bytesPerVoxel();
            // the raw bytes, the float values and their LPS-ordered copy are held at once
            long needed = count * (header.bytesPerVoxel() + 2L * Float.BYTES);
            if (bytes > Integer.MAX_VALUE - 8 || needed > Runtime.getRuntime().maxMemory()) {
                throw new XNetException(String.format(java.util.Locale.ROOT, "%s: volume too large: %d x %d x %d "
                        + "voxels need %,d MiB, this Java may use %,d MiB (-Xmx)", file, header.dims()[0],
                        header.dims()[1], header.dims()[2], needed >> 20, Runtime.getRuntime().maxMemory() >> 20));
            }
            byte[] raw = in.readNBytes((int) bytes);
            if (raw.length < bytes) {
                throw new XNetException(file + ": truncated voxel data, expected " + bytes + " bytes, found "
                        + raw.length);
            }
            float[] values = decode(raw, header, (int) count);
            return toLps(header, values);
        } catch (java.io.EOFException e) {
            throw new XNetException(file + ": truncated NIfTI file", e);
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read NIfTI (" + e.getMessage() + ")", e);
        }
    }

    /** Reads only the header of {@code file}. */
    public static NiftiHeader readHeader(Path file) throws XNetException {
        try (InputStream in = open(file)) {
            return parseHeader(file, in.readNBytes(HEADER_SIZE));
        } catch (IOException e) {
            throw new XNetException(file + ": cannot read NIfTI (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream open(Path file) throws IOException, XNetException {
        if (!Files.isRegularFile(file)) {
            throw new XNetException(file + ": no such file");
        }
        PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        boolean gzip = magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    static NiftiHeader parseHeader(Path file, byte[] bytes) throws XNetException {
        if (bytes.length < HEADER_SIZE) {
            throw new XNetException(file + ": not a NIfTI-1 file (only " + bytes.length + " bytes of header)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(0) != HEADER_SIZE) {
            buf.order(ByteOrder.BIG_ENDIAN);
            if (buf.getInt(0) != HEADER_SIZE) {
                throw new XNetException(file + ": not a NIfTI-1 file (sizeof_hdr is not 348 in either byte order)");
            }
        }
        String magic = new String(bytes, 344, 3, java.nio.charset.StandardCharsets.US_ASCII);
        if (!magic.equals("n+1")) {
            throw new XNetException(file + ": not a single-file NIfTI-1 volume (magic '" + magic.trim()
                    + "', expected 'n+1')");
        }
        int rank = buf.getShort(40);
        int[] dims = new int[3];
        for (int a = 0; a < 3; a++) {
            dims[a] = a < rank ? buf.getShort(42 + 2 * a) : 1;
            if (dims[a] <= 0) {
                throw new XNetException(file + ": bad dimension " + dims[a] + " along axis " + a);
            }
        }
        for (int a = 3; a < rank; a++) {
            if (buf.getShort(42 + 2 * a) > 1) {
                throw new XNetException(file + ": only 3-D volumes are supported, dim[" + (a + 1) + "] is "
                        + buf.getShort(42 + 2 * a));
            }
        }
        if (rank < 1 || rank > 7) {
            throw new XNetException(file + ": bad rank dim[0] = " + rank);
        }
        double[] spacing = new double[3];
        for (int a = 0; a < 3; a++) {
            double p = Math.abs(buf.getFloat(80 + 4 * a));
            if (!(p > 0 && Double.isFinite(p))) {
                throw new XNetException(file + ": pixdim[" + (a + 1) + "] is " + buf.getFloat(80 + 4 * a)
                        + ", expected a positive voxel size in mm");
            }
            spacing[a] = p;
        }
        long voxOffset = (long) buf.getFloat(108);
        int datatype = buf.getShort(70);
        double slope = buf.getFloat(112);
        double intercept = buf.getFloat(116);
        Orientation orientation = Orientation.fromHeader(buf, spacing);
        NiftiHeader header = new NiftiHeader(dims, datatype, spacing, Double.isFinite(slope) ? slope : 0,
                Double.isFinite(intercept) ? intercept : 0, buf.order() == ByteOrder.BIG_ENDIAN,
                Math.max(voxOffset, 352), orientation.matrix(), orientation.source());
        if (header.bytesPerVoxel() == 0) {
            throw new XNetException(file + ": unsupported NIfTI datatype " + datatype
                    + " (supported: uint8, int8, int16, uint16, int32, float32, float64)");
        }
        return header;
    }

    private static float[] decode(byte[] raw, NiftiHeader header, int count) {
        ByteBuffer buf = ByteBuffer.wrap(raw).order(header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        boolean scaled = header.slope() != 0;
        double slope = scaled ? header.slope() : 1;
        double inter = scaled ? header.intercept() : 0;
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            double v = switch (header.datatype()) {
                case UINT8 -> raw[i] & 0xFF;
                case INT8 -> raw[i];
                case INT16 -> buf.getShort(2 * i);
                case UINT16 -> buf.getShort(2 * i) & 0xFFFF;
                case INT32 -> buf.getInt(4 * i);
                case FLOAT32 -> buf.getFloat(4 * i);
                default -> buf.getDouble(8 * i);
            };
            out[i] = (float) (v * slope + inter);
        }
        return out;
    }

    /** Permutes and flips the voxel axes so that x points left, y posterior and z superior. */
    static Volume toLps(NiftiHeader header, float[] values) {
        return LpsOrder.apply(header.dims(), header.spacing(), header.rotation(), values);
    }
}
