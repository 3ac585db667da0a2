package org.xnet.synth;

import org.xnet.core.Volume;

/** Analytic test volumes in LPS (x left, y posterior, z superior), centred on the grid centre. */
final class Phantoms {
    static final double SPACING_XY = 0.5;
    static final double SPACING_Z = 1.0;
    static final int NXY = 200;
    static final int NZ = 20;

    private Phantoms() {
    }

    /**
     * A water cylinder (0 HU) of radius {@code radius} along z with a bone rod ({@code rodHu}) of
     * radius {@code rodRadius} centred at ({@code rodX}, {@code rodY}) mm, in air (-1000 HU);
     * partial-volume voxels (8x8 subsamples in x-y). With {@code couch}, a separate 500 HU slab
     * 45-48 mm posterior of the centre, 96 mm wide.
     */
    static Volume cylinderWithRod(double radius, double rodRadius, double rodX, double rodY, double rodHu,
                                  boolean couch) {
        float[] data = new float[NXY * NXY * NZ];
        int sub = 8;
        for (int y = 0; y < NXY; y++) {
            for (int x = 0; x < NXY; x++) {
                double inCylinder = 0;
                double inRod = 0;
                double inCouch = 0;
                for (int sy = 0; sy < sub; sy++) {
                    for (int sx = 0; sx < sub; sx++) {
                        double px = mm(x + (sx + 0.5) / sub - 0.5);
                        double py = mm(y + (sy + 0.5) / sub - 0.5);
                        boolean rod = (px - rodX) * (px - rodX) + (py - rodY) * (py - rodY) < rodRadius * rodRadius;
                        if (rod) {
                            inRod++;
                        } else if (px * px + py * py < radius * radius) {
                            inCylinder++;
                        } else if (couch && py > 45 && py < 48 && Math.abs(px) < 48) {
                            inCouch++;
                        }
                    }
                }
                double n = sub * sub;
                double air = n - inCylinder - inRod - inCouch;
                float hu = (float) ((air * -1000 + inRod * rodHu + inCouch * 500) / n);
                for (int z = 0; z < NZ; z++) {
                    data[(z * NXY + y) * NXY + x] = hu;
                }
            }
        }
        return new Volume(NXY, NXY, NZ, data, SPACING_XY, SPACING_XY, SPACING_Z);
    }

    /** Position in mm of voxel index {@code i} along x or y (grid centre at 0). */
    static double mm(double i) {
        return (i - (NXY - 1) / 2.0) * SPACING_XY;
    }

    /** Chord length of a line at distance {@code d} from a circle's centre. */
    static double chord(double radius, double d) {
        return Math.abs(d) >= radius ? 0 : 2 * Math.sqrt(radius * radius - d * d);
    }
}
