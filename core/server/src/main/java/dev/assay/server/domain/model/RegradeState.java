package dev.assay.server.domain.model;

/** Where a batch regrade stands. */
public enum RegradeState {
    /** Recorded; its batch job is about to run (or to run again after a restart). */
    STARTING,
    STARTED,
    COMPLETED,
    FAILED;

    /** Not ended yet: started again when the server starts, if the process running it is gone. */
    public boolean running() {
        return this == STARTING || this == STARTED;
    }
}
