package org.xnet.augment;

/**
 * Derives independent seeds from a tuple such as (seed, epoch, position), so that a sample's random
 * stream depends only on where it is, never on which thread augments it or when.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A well-mixed 64-bit seed from {@code parts} (SplitMix64 finaliser chained over the parts). */
    public static long mix(long... parts) {
        long h = GOLDEN;
        for (long p : parts) {
            h = mix64(h ^ mix64(p + GOLDEN));
        }
        return h;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
