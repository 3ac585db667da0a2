package org.xnet.core;

import java.util.Arrays;

/**
 * A 3-D float32 volume (for CT, Hounsfield units) with its voxel spacing in millimetres.
 *
 * <p>Voxels are stored with x fastest, then y, then z: {@code data[(z * ny + y) * nx + x]}. The
 * array is shared, not copied. Axes follow the source file's voxel order; readers that know the
 * patient orientation document it (DICOM series: x along the row direction, y along the column
 * direction, z increasing along the slice normal). Equality compares size, spacing and values.
 */
public final class Volume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final float[] data;
    private final double sx;
    private final double sy;
    private final double sz;

    /** Wraps {@code data} (not copied) as an {@code nx x ny x nz} volume with spacing in mm. */
    public Volume(int nx, int ny, int nz, float[] data, double sx, double sy, double sz) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume size must be positive, got " + nx + "x" + ny + "x" + nz);
        }
        if (data.length != (long) nx * ny * nz) {
            throw new IllegalArgumentException("voxel count " + data.length + " does not match size "
                    + nx + "x" + ny + "x" + nz);
        }
        if (!(sx > 0 && sy > 0 && sz > 0) || Double.isInfinite(sx) || Double.isInfinite(sy)
                || Double.isInfinite(sz)) {
            throw new IllegalArgumentException("voxel spacing must be positive and finite, got "
                    + sx + "x" + sy + "x" + sz);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.data = data;
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** The backing voxel array (x fastest, then y, then z); changes to it change this volume. */
    public float[] data() {
        return data;
    }

    /** Voxel spacing along x in mm. */
    public double sx() {
        return sx;
    }

    /** Voxel spacing along y in mm. */
    public double sy() {
        return sy;
    }

    /** Voxel spacing along z in mm. */
    public double sz() {
        return sz;
    }

    public float get(int x, int y, int z) {
        return data[(z * ny + y) * nx + x];
    }

    /** "NXxNYxNZ", as used in error messages. */
    public String sizeString() {
        return nx + "x" + ny + "x" + nz;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Volume v && v.nx == nx && v.ny == ny && v.nz == nz
                && Double.compare(v.sx, sx) == 0 && Double.compare(v.sy, sy) == 0
                && Double.compare(v.sz, sz) == 0 && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        int h = 31 * (31 * nx + ny) + nz;
        h = 31 * h + Double.hashCode(sx);
        h = 31 * h + Double.hashCode(sy);
        h = 31 * h + Double.hashCode(sz);
        return 31 * h + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Volume[" + sizeString() + ", " + sx + "x" + sy + "x" + sz + " mm]";
    }
}
