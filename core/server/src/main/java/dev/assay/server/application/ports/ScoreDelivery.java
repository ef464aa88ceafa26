package dev.assay.server.application.ports;

import java.time.OffsetDateTime;

/**
 * The port through which scores leave for a gradebook. The core writes each score to its outbox in the
 * transaction that stores the grade; a worker hands it to the delivery that {@link #handles} its target
 * (the LTI adapter for {@code lti:} targets) and retries as the outcome says.
 */
public interface ScoreDelivery {
    /** One assignment score for one user, as the outbox holds it. */
    record Score(long id, String target, String userKey, double scoreGiven, double scoreMaximum, String activityProgress,
                 String gradingProgress, OffsetDateTime timestamp) {
    }

    /** What became of one attempt. */
    sealed interface Outcome permits Delivered, Retry, Refused {
    }

    /** The gradebook has the score. */
    record Delivered() implements Outcome {
    }

    /** Try again later: the gradebook is down, slow, or answered 5xx or 429. */
    record Retry(String why) implements Outcome {
    }

    /** Trying again will not help (the platform is no longer registered, say): the entry fails, with the reason. */
    record Refused(String why) implements Outcome {
    }

    boolean handles(String target);

    /** Delivers one score. Called outside any transaction; must not throw for gradebook errors. */
    Outcome deliver(Score score);
}
