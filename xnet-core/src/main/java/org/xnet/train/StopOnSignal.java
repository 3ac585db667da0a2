package org.xnet.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM) into a stop request: a shutdown hook sets the flag the trainer
 * checks after every step, then holds the JVM (up to {@link #GRACE_SECONDS}) until the trainer has
 * returned and {@link #close()} is called, so the run ends at a step boundary with its last
 * epoch checkpoint intact.
 */
public final class StopOnSignal implements AutoCloseable {
    /** How long the JVM waits for the current step to finish after Ctrl-C. */
    public static final long GRACE_SECONDS = 600;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal() {
        hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "xnet-stop-on-signal");
    }

    /** Installs the hook; close it when training has returned. */
    public static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The flag the trainer polls. */
    public AtomicBoolean flag() {
        return stop;
    }

    /** True once a signal asked to stop. */
    public boolean signalled() {
        return stop.get();
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting because of the signal; the hook returns now
        }
    }
}
