package org.xnet.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A moment at which {@link KillResumeTest} SIGKILLs {@code xnet train} or {@code xnet sweep}: a time
 * after start (JVM and engine start-up, dataset reading, the first writes), a time after the first
 * trained step, or an event of the run folder seen through {@link FolderWatch}: the temporary file of
 * an atomic write of the checkpoint, the model or the log appearing (the kill lands during that
 * write or just after it), or the checkpoint just renamed into place (before the log row is
 * written). {@code ordinal} picks the n-th such event of the session.
 */
record KillPoint(Kind kind, int ordinal, int delayMillis) {
    enum Kind { START, TRAINING, CHECKPOINT_WRITE, AFTER_CHECKPOINT, MODEL_WRITE, LOG_WRITE, SUMMARY_WRITE }

    /** A kill point of {@code kind} with a random ordinal (1-2) and delay (0-2.5 s after start, 0-0.5 s after a step). */
    static KillPoint draw(Kind kind, Random random) {
        int delay = kind == Kind.START ? random.nextInt(2500) : kind == Kind.TRAINING ? random.nextInt(500) : 0;
        return new KillPoint(kind, 1 + random.nextInt(2), delay);
    }

    /** Waits for this moment; returns what happened then, or null when the process ended first. */
    String await(Process process, FolderWatch watch, Path stderr) throws IOException, InterruptedException {
        switch (kind) {
            case START -> {
                return sleepWhileAlive(process, delayMillis) ? delayMillis + " ms after start" : null;
            }
            case TRAINING -> {
                while (!Files.readString(stderr).contains(" loss ")) {
                    if (!sleepWhileAlive(process, 10)) {
                        return null;
                    }
                }
                return sleepWhileAlive(process, delayMillis) ? delayMillis + " ms after the first trained step" : null;
            }
            default -> {
                Path file = watch.await(trigger(), process);
                return file == null ? null : "at " + file.getFileName();
            }
        }
    }

    /**
     * The folder event to kill at. A model is written only when validation improves, so a model-write
     * kill falls back to the third checkpoint write of the session when no model write comes first.
     */
    private Predicate<String> trigger() {
        int[] seen = new int[2];
        return name -> switch (kind) {
            case CHECKPOINT_WRITE -> isTemporary(name, Checkpoint.FILE) && ++seen[0] == ordinal;
            case AFTER_CHECKPOINT -> name.equals(Checkpoint.FILE) && ++seen[0] == ordinal;
            case LOG_WRITE -> isTemporary(name, RunFolder.LOG) && ++seen[0] == ordinal;
            case SUMMARY_WRITE -> isTemporary(name, Sweep.SUMMARY_CSV);
            case MODEL_WRITE -> name.startsWith(".") && name.contains(".xnet.") && name.endsWith(".tmp")
                    || isTemporary(name, Checkpoint.FILE) && ++seen[1] == 3;
            default -> throw new IllegalStateException(kind + " is not a folder event");
        };
    }

    /** True for the temporary file of an atomic write of {@code target} ({@code .TARGET.RANDOM.tmp}). */
    static boolean isTemporary(String name, String target) {
        return name.startsWith("." + target + ".") && name.endsWith(".tmp");
    }

    private static boolean sleepWhileAlive(Process process, int millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(5, (end - System.nanoTime()) / 1_000_000)));
        }
        return process.isAlive();
    }

    String describe() {
        return switch (kind) {
            case START, TRAINING, MODEL_WRITE, SUMMARY_WRITE -> kind.name().toLowerCase().replace('_', ' ');
            default -> kind.name().toLowerCase().replace('_', ' ') + " #" + ordinal;
        };
    }
}
