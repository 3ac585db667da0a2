package org.xnet.synth;

/**
 * The energy model: linear attenuation from Hounsfield units at one effective energy of 60 keV,
 * {@code mu = MU_WATER * (1 + HU / 1000)}, zero for air (-1000 HU and below).
 *
 * <p>Source numbers (NIST XCOM / Hubbell and Seltzer tables, 60 keV, with coherent scattering):
 * water mu/rho = 0.2059 cm^2/g, so mu = 0.02059 /mm; ICRU cortical bone (1.92 g/cm^3) mu/rho =
 * 0.3148 cm^2/g, mu = 0.0604 /mm, which this linear model reaches at about 1930 HU, close to
 * cortical bone's CT number. Soft tissue, fat and bone are therefore treated as water-like mixtures;
 * beam hardening and the energy spectrum are not modelled.
 */
public final class Attenuation {
    /** Linear attenuation coefficient of water at 60 keV, per mm. */
    public static final double MU_WATER = 0.02059;

    private Attenuation() {
    }

    /** Linear attenuation (per mm) of a voxel with the given CT number. */
    public static double mu(double hu) {
        return hu <= -1000 ? 0 : MU_WATER * (1 + hu / 1000);
    }
}
