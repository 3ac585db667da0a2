package org.xnet.fiji;

import static org.assertj.core.api.Assertions.assertThat;

import ij.IJ;
import java.awt.event.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status line and the cancel wiring of the command's progress. */
class StatusProgressTest {
    @AfterEach
    void releaseEscape() {
        IJ.resetEscape();
    }

    @Test
    void statusCountsTilesOrSaysOnePass() {
        assertThat(StatusProgress.status(3, 9)).isEqualTo("XNet: tile 3 of 9 (press Esc to cancel)");
        assertThat(StatusProgress.status(0, 1)).isEqualTo("XNet: segmenting (press Esc to cancel)");
        assertThat(StatusProgress.status(1, 1)).isEqualTo("XNet: segmented");
    }

    @Test
    void escapeInImageJCancelsWithTheCommandsDefaultStop() {
        XNetCommand command = new XNetCommand();
        StatusProgress progress = new StatusProgress(command.stopRequested);
        IJ.resetEscape();
        assertThat(progress.cancelled()).isFalse();
        IJ.setKeyDown(KeyEvent.VK_ESCAPE);
        assertThat(progress.cancelled()).isTrue();
    }
}
