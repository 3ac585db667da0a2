package org.xnet.augment;

/**
 * How long a consumer was blocked in {@code next()} during one epoch of batches: the total, the
 * longest single wait, the wait for the epoch's first batch, and how many batches had already been
 * made when they were asked for ({@code readyOnArrival}).
 */
public record DataWait(int batches, int readyOnArrival, double totalSeconds, double maxSeconds,
                       double firstSeconds) {
    /** No batch taken yet. */
    public static final DataWait NONE = new DataWait(0, 0, 0, 0, 0);

    public DataWait {
        if (batches < 0 || readyOnArrival < 0 || readyOnArrival > batches || totalSeconds < 0 || maxSeconds < 0
                || firstSeconds < 0) {
            throw new IllegalArgumentException("need 0 <= readyOnArrival <= batches and waits >= 0, got " + batches
                    + ", " + readyOnArrival + ", " + totalSeconds + ", " + maxSeconds + ", " + firstSeconds);
        }
    }

    /** This record with one more batch that took {@code seconds} to hand out. */
    public DataWait plus(double seconds, boolean wasReady) {
        return new DataWait(batches + 1, readyOnArrival + (wasReady ? 1 : 0), totalSeconds + seconds,
                Math.max(maxSeconds, seconds), batches == 0 ? seconds : firstSeconds);
    }
}
