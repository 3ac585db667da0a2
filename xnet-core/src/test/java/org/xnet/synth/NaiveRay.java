package org.xnet.synth;

/**
 * The naive twin of {@link Projector}: walks the whole ray in world millimetres over a generous
 * range, sampling the same positions (same step, same phase), with an 8-corner weighted trilinear
 * lookup that treats everything outside the grid as air.
 */
final class NaiveRay {
    private NaiveRay() {
    }

    static double[] integrate(BodyVolume v, Geometry g, int col, int row, double step, double boneHu, double tissueHu) {
        double a = g.offsetU(col);
        double b = g.offsetV(row);
        double[] p0 = new double[3];
        double[] dir = new double[3];
        for (int k = 0; k < 3; k++) {
            p0[k] = a * g.u()[k] + b * g.v()[k];
            dir[k] = g.cone() ? p0[k] + g.sourceDistance() * g.d()[k] : g.d()[k];
        }
        double len = Math.sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
        double[] s = {v.sx(), v.sy(), v.sz()};
        int[] n = {v.nx(), v.ny(), v.nz()};
        // the fast marcher's clipped segment [t0, t1], recomputed to know the sample phase
        double t0 = Double.NEGATIVE_INFINITY;
        double t1 = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            double o = p0[k] / s[k] + (n[k] - 1) / 2.0;
            double d = dir[k] / len / s[k];
            if (Math.abs(d) < 1e-12) {
                continue;
            }
            double e0 = (1e-6 - o) / d;
            double e1 = (n[k] - 1 - 1e-6 - o) / d;
            t0 = Math.max(t0, Math.min(e0, e1));
            t1 = Math.min(t1, Math.max(e0, e1));
        }
        double[] out = new double[3];
        if (!(t1 > t0)) {
            return out;
        }
        int steps = (int) Math.floor((t1 - t0) / step);
        double start = t0 + ((t1 - t0) - steps * step) / 2 + step / 2;
        for (int m = 0; m < steps; m++) {
            double t = start + m * step;
            double h = trilinear(v, (p0[0] + t * dir[0] / len) / s[0] + (n[0] - 1) / 2.0,
                    (p0[1] + t * dir[1] / len) / s[1] + (n[1] - 1) / 2.0,
                    (p0[2] + t * dir[2] / len) / s[2] + (n[2] - 1) / 2.0);
            out[0] += Attenuation.mu(h) * step;
            out[1] += h > boneHu ? 1 : 0;
            out[2] += h > tissueHu ? 1 : 0;
        }
        out[1] *= step;
        out[2] *= step;
        return out;
    }

    private static double trilinear(BodyVolume v, double x, double y, double z) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double sum = 0;
        for (int dz = 0; dz <= 1; dz++) {
            for (int dy = 0; dy <= 1; dy++) {
                for (int dx = 0; dx <= 1; dx++) {
                    double w = (dx == 1 ? x - x0 : 1 - (x - x0)) * (dy == 1 ? y - y0 : 1 - (y - y0))
                            * (dz == 1 ? z - z0 : 1 - (z - z0));
                    int xi = x0 + dx;
                    int yi = y0 + dy;
                    int zi = z0 + dz;
                    boolean inside = xi >= 0 && yi >= 0 && zi >= 0 && xi < v.nx() && yi < v.ny() && zi < v.nz();
                    sum += w * (inside ? v.get(xi, yi, zi) : -1000);
                }
            }
        }
        return sum;
    }
}
