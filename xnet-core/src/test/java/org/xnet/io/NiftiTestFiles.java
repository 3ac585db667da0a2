package org.xnet.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny NIfTI-1 files for tests: int16 or float32 voxels, either byte order, with a diagonal sform. */
public final class NiftiTestFiles {
    private NiftiTestFiles() {
    }

    /**
     * Writes raw int16 {@code values} (x fastest) with the given sform diagonal (RAS, mm; negative
     * entries flip an axis), scaling and byte order; gzip when the name ends with ".gz".
     */
    public static void writeInt16(Path file, int nx, int ny, int nz, short[] values, double[] sformDiagonal,
                                  float slope, float intercept, ByteOrder order) throws IOException {
        ByteBuffer buf = header(nx, ny, nz, Nifti.INT16, 16, sformDiagonal, slope, intercept, order,
                2 * values.length);
        for (short v : values) {
            buf.putShort(v);
        }
        write(file, buf.array());
    }

    /** Writes float32 {@code values} with no scaling and the given sform diagonal. */
    public static void writeFloat(Path file, int nx, int ny, int nz, float[] values, double[] sformDiagonal,
                                  ByteOrder order) throws IOException {
        ByteBuffer buf = header(nx, ny, nz, Nifti.FLOAT32, 32, sformDiagonal, 0f, 0f, order, 4 * values.length);
        for (float v : values) {
            buf.putFloat(v);
        }
        write(file, buf.array());
    }

    /** Writes float32 {@code values} with a full sform (3x3 row-major, RAS mm: column a is voxel axis a). */
    public static void writeFloatSform(Path file, int nx, int ny, int nz, float[] values, double[] sform)
            throws IOException {
        double[] spacing = new double[3];
        for (int a = 0; a < 3; a++) {
            spacing[a] = Math.sqrt(sform[a] * sform[a] + sform[3 + a] * sform[3 + a] + sform[6 + a] * sform[6 + a]);
        }
        ByteBuffer buf = header(nx, ny, nz, Nifti.FLOAT32, 32, spacing, 0f, 0f, ByteOrder.LITTLE_ENDIAN,
                4 * values.length);
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                buf.putFloat(280 + 16 * row + 4 * col, (float) sform[row * 3 + col]);
            }
        }
        for (float v : values) {
            buf.putFloat(v);
        }
        write(file, buf.array());
    }

    /**
     * Writes float32 {@code values} with only a qform (qform_code 1, sform_code 0): quaternion
     * (b, c, d) and qfac (pixdim[0]) as the NIfTI-1 standard defines them. The unused sform fields
     * hold an identity (RAS) matrix, so a reader that wrongly took them would see RAS.
     */
    public static void writeFloatQform(Path file, int nx, int ny, int nz, float[] values, double[] spacing,
                                       double b, double c, double d, double qfac) throws IOException {
        ByteBuffer buf = header(nx, ny, nz, Nifti.FLOAT32, 32, spacing, 0f, 0f, ByteOrder.BIG_ENDIAN,
                4 * values.length);
        buf.putShort(252, (short) 1).putShort(254, (short) 0);
        buf.putFloat(256, (float) b).putFloat(260, (float) c).putFloat(264, (float) d);
        buf.putFloat(76, (float) qfac);
        for (float v : values) {
            buf.putFloat(v);
        }
        write(file, buf.array());
    }

    /**
     * Writes {@code values} as NIfTI datatype {@code datatype} (uint8 2, int32 8, float64 64, int8 256,
     * uint16 512 or the others above), with LPS sform and the given scaling and byte order.
     */
    public static void writeTyped(Path file, int n, int datatype, double[] values, float slope, float intercept,
                                  ByteOrder order) throws IOException {
        int bytes = switch (datatype) {
            case Nifti.UINT8, Nifti.INT8 -> 1;
            case Nifti.INT16, Nifti.UINT16 -> 2;
            case Nifti.INT32, Nifti.FLOAT32 -> 4;
            default -> 8;
        };
        ByteBuffer buf = header(n, 1, 1, datatype, 8 * bytes, new double[] {-1, -1, 1}, slope, intercept, order,
                bytes * values.length);
        for (double v : values) {
            switch (datatype) {
                case Nifti.UINT8, Nifti.INT8 -> buf.put((byte) v);
                case Nifti.INT16, Nifti.UINT16 -> buf.putShort((short) v);
                case Nifti.INT32 -> buf.putInt((int) v);
                case Nifti.FLOAT32 -> buf.putFloat((float) v);
                default -> buf.putDouble(v);
            }
        }
        write(file, buf.array());
    }

    static ByteBuffer header(int nx, int ny, int nz, int datatype, int bitpix, double[] diag, float slope,
                             float intercept, ByteOrder order, int dataBytes) {
        ByteBuffer buf = ByteBuffer.allocate(352 + dataBytes).order(order);
        buf.putInt(0, 348);
        short[] dim = {3, (short) nx, (short) ny, (short) nz, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            buf.putShort(40 + 2 * i, dim[i]);
        }
        buf.putShort(70, (short) datatype);
        buf.putShort(72, (short) bitpix);
        buf.putFloat(76, 1f);
        for (int a = 0; a < 3; a++) {
            buf.putFloat(80 + 4 * a, (float) Math.abs(diag[a]));
        }
        buf.putFloat(108, 352f);
        buf.putFloat(112, slope);
        buf.putFloat(116, intercept);
        buf.putShort(254, (short) 2);
        for (int row = 0; row < 3; row++) {
            buf.putFloat(280 + 16 * row + 4 * row, (float) diag[row]);
        }
        buf.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        buf.position(352);
        return buf;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
