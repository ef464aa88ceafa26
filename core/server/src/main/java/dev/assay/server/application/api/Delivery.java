package dev.assay.server.application.api;

/** Where a score on its way to a gradebook stands. */
public enum Delivery {
    /** Waiting to be sent, or to be sent again. */
    PENDING,
    /** The gradebook has it. */
    DELIVERED,
    /** A newer score for the same target and user replaced it before it was sent. */
    SUPERSEDED,
    /** Given up: the gradebook refused it, or too many attempts failed (retry by hand). */
    FAILED
}
