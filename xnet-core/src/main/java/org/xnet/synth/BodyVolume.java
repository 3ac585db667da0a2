package org.xnet.synth;

import org.xnet.core.Volume;

/**
 * The body of a CT volume, ready for projection: the largest 6-connected region above a threshold
 * (everything else above the threshold — couch, head holder — becomes air, -1000 HU), cropped to
 * that region's bounding box with one voxel of air around it, as 16-bit Hounsfield units clamped to
 * [-1000, 32767]. Voxels below the threshold inside the box (lungs, bowel gas) are kept as they are.
 * The box centre is the isocentre of every view. Axes are LPS: x left, y posterior, z superior.
 */
public final class BodyVolume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final short[] hu;
    private final double sx;
    private final double sy;
    private final double sz;

    BodyVolume(int nx, int ny, int nz, short[] hu, double sx, double sy, double sz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.hu = hu;
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
    }

    /** Extracts the body of {@code ct}: voxels above {@code bodyHu} in its largest connected region. */
    public static BodyVolume of(Volume ct, double bodyHu) {
        byte[] state = LargestRegion.mark(ct, bodyHu);
        int[] box = LargestRegion.boundingBox(state, ct.nx(), ct.ny(), ct.nz());
        if (box == null) {
            throw new IllegalArgumentException("no voxel above " + bodyHu + " HU in volume " + ct.sizeString());
        }
        int mx = box[3] - box[0] + 3;
        int my = box[4] - box[1] + 3;
        int mz = box[5] - box[2] + 3;
        short[] hu = new short[mx * my * mz];
        java.util.Arrays.fill(hu, (short) -1000);
        float[] src = ct.data();
        for (int z = box[2]; z <= box[5]; z++) {
            for (int y = box[1]; y <= box[4]; y++) {
                int in = (z * ct.ny() + y) * ct.nx();
                int out = ((z - box[2] + 1) * my + (y - box[1] + 1)) * mx + 1 - box[0];
                for (int x = box[0]; x <= box[3]; x++) {
                    byte s = state[in + x];
                    double v = s == LargestRegion.OTHER_REGION ? -1000 : src[in + x];
                    hu[out + x] = (short) Math.max(-1000, Math.min(32767, Math.round(v)));
                }
            }
        }
        return new BodyVolume(mx, my, mz, hu, ct.sx(), ct.sy(), ct.sz());
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

    public double sx() {
        return sx;
    }

    public double sy() {
        return sy;
    }

    public double sz() {
        return sz;
    }

    /** Hounsfield units, x fastest; shared, not copied. */
    short[] hu() {
        return hu;
    }

    /** HU of voxel (x, y, z). */
    public int get(int x, int y, int z) {
        return hu[(z * ny + y) * nx + x];
    }

    /** Extent of the body along x, y, z in mm: from the first to the last voxel centre inside the air border. */
    public double[] extentMm() {
        return new double[] {(nx - 3) * sx, (ny - 3) * sy, (nz - 3) * sz};
    }

    @Override
    public String toString() {
        return "BodyVolume[" + nx + "x" + ny + "x" + nz + ", " + sx + "x" + sy + "x" + sz + " mm]";
    }
}
