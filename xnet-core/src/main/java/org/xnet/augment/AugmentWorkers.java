package org.xnet.augment;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads that augment batches, named {@code xnet-augment-<id>-<n>} and daemon. They can
 * serve one epoch or, shared, every epoch of a run, so that starting an epoch does not start threads.
 * A worker idle for {@value #IDLE_SECONDS} s ends by itself (a new one starts when work comes).
 */
public final class AugmentWorkers implements AutoCloseable {
    static final int IDLE_SECONDS = 30;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ThreadPoolExecutor executor;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    public AugmentWorkers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least 1 augmentation worker, got " + count);
        }
        int id = INSTANCES.incrementAndGet();
        AtomicInteger started = new AtomicInteger();
        executor = new ThreadPoolExecutor(count, count, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "xnet-augment-" + id + "-" + started.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /** How many threads these workers have started so far. */
    public int threadsStarted() {
        return threads.size();
    }

    /** How many of these workers' threads are still alive. */
    public int threadsAlive() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    /** Lets the idle threads end without waiting for them; no new work is accepted. */
    void shutdown() {
        executor.shutdown();
    }

    /** Stops the threads (interrupting running work) and waits for them to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("augmentation workers did not stop within 30 s");
            }
            // The pool counts as terminated a moment before its last thread has ended.
            for (Thread worker : threads) {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
