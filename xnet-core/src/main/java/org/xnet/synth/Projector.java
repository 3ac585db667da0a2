package org.xnet.synth;

import java.util.stream.IntStream;

/**
 * Casts one ray per detector pixel through a {@link BodyVolume} and integrates, with trilinear
 * sampling at a fixed step, the attenuation ({@link Attenuation}) and the path lengths through bone
 * and through tissue (samples whose interpolated HU exceeds the thresholds). Rows run in parallel;
 * each pixel's result depends only on its ray, so the output does not depend on the thread count.
 */
final class Projector {
    /** Rays are clipped this far (in voxels) inside the grid, so every sample has all 8 neighbours. */
    private static final double EDGE = 1e-6;
    private final BodyVolume body;
    private final short[] hu;
    private final int nx;
    private final int plane;
    private final double stepMm;
    private final double boneHu;
    private final double tissueHu;

    /** Per-pixel results, row-major: line integral of mu, mm through bone, mm through tissue. */
    record Projection(float[] lineIntegral, float[] boneMm, float[] tissueMm) {
    }

    Projector(BodyVolume body, double stepMm, double boneHu, double tissueHu) {
        this.body = body;
        this.hu = body.hu();
        this.nx = body.nx();
        this.plane = body.nx() * body.ny();
        this.stepMm = stepMm;
        this.boneHu = boneHu;
        this.tissueHu = tissueHu;
    }

    Projection project(Geometry g) {
        int n = g.size();
        float[] integral = new float[n * n];
        float[] bone = new float[n * n];
        float[] tissue = new float[n * n];
        IntStream.range(0, n).parallel().forEach(row -> {
            double[] out = new double[3];
            for (int col = 0; col < n; col++) {
                ray(g, col, row, out);
                integral[row * n + col] = (float) out[0];
                bone[row * n + col] = (float) out[1];
                tissue[row * n + col] = (float) out[2];
            }
        });
        return new Projection(integral, bone, tissue);
    }

    /** Integrates the ray of pixel (col, row) into {@code out} = {line integral, bone mm, tissue mm}. */
    void ray(Geometry g, int col, int row, double[] out) {
        double a = g.offsetU(col);
        double b = g.offsetV(row);
        double[] origin = new double[3];
        double[] dir = new double[3];
        double norm = 0;
        for (int k = 0; k < 3; k++) {
            origin[k] = a * g.u()[k] + b * g.v()[k];
            dir[k] = g.d()[k];
            if (g.cone()) {
                dir[k] = origin[k] + g.sourceDistance() * g.d()[k];
            }
            norm += dir[k] * dir[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < 3; k++) {
            dir[k] /= norm;
        }
        march(origin, dir, out);
    }

    private void march(double[] originMm, double[] dirMm, double[] out) {
        int[] n = {body.nx(), body.ny(), body.nz()};
        double[] s = {body.sx(), body.sy(), body.sz()};
        double[] o = new double[3];
        double[] di = new double[3];
        double tMin = Double.NEGATIVE_INFINITY;
        double tMax = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            o[k] = originMm[k] / s[k] + (n[k] - 1) / 2.0;
            di[k] = dirMm[k] / s[k];
            if (Math.abs(di[k]) < 1e-12) {
                if (o[k] < EDGE || o[k] > n[k] - 1 - EDGE) {
                    out[0] = out[1] = out[2] = 0;
                    return;
                }
            } else {
                double t0 = (EDGE - o[k]) / di[k];
                double t1 = (n[k] - 1 - EDGE - o[k]) / di[k];
                tMin = Math.max(tMin, Math.min(t0, t1));
                tMax = Math.min(tMax, Math.max(t0, t1));
            }
        }
        out[0] = out[1] = out[2] = 0;
        if (!(tMax > tMin)) {
            return;
        }
        int steps = (int) Math.floor((tMax - tMin) / stepMm);
        double t = tMin + ((tMax - tMin) - steps * stepMm) / 2 + stepMm / 2;
        double x = o[0] + t * di[0];
        double y = o[1] + t * di[1];
        double z = o[2] + t * di[2];
        double dx = stepMm * di[0];
        double dy = stepMm * di[1];
        double dz = stepMm * di[2];
        double sum = 0;
        int boneCount = 0;
        int tissueCount = 0;
        for (int m = 0; m < steps; m++) {
            double h = sample(x, y, z);
            sum += h + 1000;
            if (h > boneHu) {
                boneCount++;
            }
            if (h > tissueHu) {
                tissueCount++;
            }
            x += dx;
            y += dy;
            z += dz;
        }
        out[0] = Attenuation.MU_WATER / 1000 * stepMm * sum;
        out[1] = boneCount * stepMm;
        out[2] = tissueCount * stepMm;
    }

    /** Trilinear HU at index coordinates within [EDGE, n - 1 - EDGE] on every axis. */
    private double sample(double x, double y, double z) {
        int ix = (int) x;
        int iy = (int) y;
        int iz = (int) z;
        double fx = x - ix;
        double fy = y - iy;
        double fz = z - iz;
        short[] v = hu;
        int i = iz * plane + iy * nx + ix;
        int j = i + nx;
        int k = i + plane;
        int l = k + nx;
        double c00 = v[i] + fx * (v[i + 1] - v[i]);
        double c10 = v[j] + fx * (v[j + 1] - v[j]);
        double c01 = v[k] + fx * (v[k + 1] - v[k]);
        double c11 = v[l] + fx * (v[l + 1] - v[l]);
        double c0 = c00 + fy * (c10 - c00);
        double c1 = c01 + fy * (c11 - c01);
        return c0 + fz * (c1 - c0);
    }
}
