package dev.assay.engine.grading;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One plugin's bulkhead: its share of the workers, which its grades and previews hold together; the part of it its
 * grades may hold; and who runs and waits in it.
 */
final class Bulkhead {
    /** Grades and previews share the plugin's bulkhead; grades alone are held to what the plugin can use at once. */
    enum CallKind { GRADE, PREVIEW }

    final int shareSize;
    final int gradingSize;
    final Semaphore share;
    final Semaphore grading;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger gradesWaiting = new AtomicInteger();
    final AtomicInteger previewsWaiting = new AtomicInteger();

    Bulkhead(int shareSize, int gradingSize) {
        this.shareSize = shareSize;
        this.gradingSize = gradingSize;
        this.share = new Semaphore(shareSize, true);
        this.grading = new Semaphore(gradingSize, true);
    }

    AtomicInteger waiting(CallKind kind) {
        return kind == CallKind.GRADE ? gradesWaiting : previewsWaiting;
    }

    /** Gives back what a call of this kind holds: its place among the grades (if it took one) and in the share. */
    void release(CallKind kind, boolean heldGrading, boolean heldShare) {
        if (heldShare) {
            share.release();
        }
        if (kind == CallKind.GRADE && heldGrading) {
            grading.release();
        }
    }
}
