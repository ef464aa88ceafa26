package dev.assay.server.application.ports;

import java.time.OffsetDateTime;

/**
 * The port through which scores leave for a gradebook. The core writes each score to its outbox in the
 * transaction that stores the grade; a worker hands it to the delivery that {@link #handles} its target
 * (the LTI adapter for {@code lti:} targets) and retries as the outcome says.
 */
public interface ScoreDelivery {
    /**
     * One assignment score for one user, as the outbox holds it, in the core's words (an adapter says them in its
     * gradebook's: the LTI adapter as AGS's activityProgress and gradingProgress).
     *
     * @param timestamp when the score was given, as the gradebook is to see it: for one target and user, each score
     *                  sent carries a timestamp strictly later, in whole seconds, than every one sent before (an LMS
     *                  such as Moodle keeps seconds and refuses a score that is not later than the one it has)
     * @param complete       every question of the assignment has an answer
     * @param awaitingReview a grade that counts waits for a person (it needs review, is an error, or cannot be read):
     *                       the score is provisional
     * @param comment   what the grader (an instructor's review) says to the student, or null: sent with the score
     */
    record Score(long id, String target, String userKey, double scoreGiven, double scoreMaximum, boolean complete,
                 boolean awaitingReview, OffsetDateTime timestamp, String comment) {
    }

    /** What became of one attempt. */
    sealed interface Outcome permits Delivered, Retry, NotLater, Refused {
    }

    /** The gradebook has the score. */
    record Delivered() implements Outcome {
    }

    /** Try again later: the gradebook is down, slow, or answered 5xx or 429. */
    record Retry(String why) implements Outcome {
    }

    /**
     * The gradebook refused the score because it holds one with a timestamp as late or later (Moodle: 409
     * "Refusing score with an earlier timestamp"): the outbox sends it again soon, with a timestamp later than
     * both the one refused and the present moment, so the newest score ends up in the gradebook.
     */
    record NotLater(String why) implements Outcome {
    }

    /** Trying again will not help (the platform is no longer registered, say): the entry fails, with the reason. */
    record Refused(String why) implements Outcome {
    }

    boolean handles(String target);

    /**
     * The lane of a target: deliveries in different lanes never wait on each other (one hanging gradebook holds up
     * only its own lane); within a lane they go one at a time, in order. The LTI adapter gives each platform a lane.
     */
    default String lane(String target) {
        return target;
    }

    /** Delivers one score. Called outside any transaction; must not throw for gradebook errors. */
    Outcome deliver(Score score);
}
