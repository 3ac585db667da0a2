package org.xnet.io;

/**
 * The parts of a NIfTI-1 header that {@link Nifti} uses: grid, data type, spacing, intensity
 * scaling and the voxel-to-world matrix (NIfTI world is RAS+: +x right, +y anterior, +z superior).
 *
 * @param dims voxels along i, j, k
 * @param datatype NIfTI datatype code (4 = int16, 16 = float32, ...)
 * @param spacing voxel size along i, j, k in mm (absolute pixdim[1..3])
 * @param slope scl_slope (0 means no scaling)
 * @param intercept scl_inter
 * @param bigEndian byte order of the file
 * @param voxOffset byte offset of the voxel data
 * @param rotation 3x3 matrix, row-major: column a is the world (RAS) direction of voxel axis a,
 *     including the spacing, from the sform when sform_code > 0, else the qform, else pixdim only
 * @param source "sform", "qform" or "pixdim": where {@code rotation} came from
 */
public record NiftiHeader(int[] dims, int datatype, double[] spacing, double slope, double intercept,
                          boolean bigEndian, long voxOffset, double[] rotation, String source) {

    /** The anatomical direction each voxel axis points to, e.g. "LPS" (i toward left, j posterior, k superior). */
    public String orientation() {
        StringBuilder code = new StringBuilder();
        for (int a = 0; a < 3; a++) {
            int world = dominantWorldAxis(a);
            boolean positive = rotation[world * 3 + a] > 0;
            code.append(switch (world) {
                case 0 -> positive ? 'R' : 'L';
                case 1 -> positive ? 'A' : 'P';
                default -> positive ? 'S' : 'I';
            });
        }
        return code.toString();
    }

    /** The world axis (0 = x, 1 = y, 2 = z) voxel axis {@code a} is closest to. */
    int dominantWorldAxis(int a) {
        return LpsOrder.dominantWorldAxis(rotation, a);
    }

    /** Bytes per voxel of {@link #datatype()}, or 0 when the type is not supported. */
    int bytesPerVoxel() {
        return switch (datatype) {
            case Nifti.UINT8, Nifti.INT8 -> 1;
            case Nifti.INT16, Nifti.UINT16 -> 2;
            case Nifti.INT32, Nifti.FLOAT32 -> 4;
            case Nifti.FLOAT64 -> 8;
            default -> 0;
        };
    }
}
