package org.xnet.core;

/**
 * Progress and cancellation of one long stage: the one interface the stages report to (prepare,
 * synth, augment, evaluate, predict) and a front end implements, a text progress bar, a Fiji status
 * bar or a Spark accumulator alike. A stage says what it starts and how many units it has, reports
 * each unit done (with the item, usually a file name), passes on one-line warnings (an input it
 * skipped), and between units asks whether to stop: asked, it throws {@link Cancelled} and leaves
 * nothing half-written. Training reports to the richer {@code train.TrainingListener}.
 */
public interface Progress {
    /** Reports nowhere and never cancels. */
    Progress NONE = new Progress() {
    };

    /** The stage starts {@code task}: {@code total} units (0 when unknown). */
    default void start(String task, long total) {
    }

    /** {@code done} units of the task are done, the last one {@code item} (empty when unnamed). */
    default void advance(long done, String item) {
    }

    /** One line worth telling the user now (an input skipped, data left unbalanced). */
    default void warn(String message) {
    }

    /** Whether the front end asks the stage to stop. */
    default boolean cancelled() {
        return false;
    }

    /** Throws {@link Cancelled}, saying how far {@code task} got, when a stop is asked for. */
    default void stopIfCancelled(String task, long done, long total) throws Cancelled {
        if (cancelled()) {
            throw new Cancelled(task + " cancelled after " + done + " of " + total);
        }
    }

    /** A stage that stopped because it was asked to. */
    final class Cancelled extends XNetException {
        public Cancelled(String message) {
            super(message);
        }
    }
}
