package dev.assay.server.application.api;

import java.util.List;

/**
 * Who on a gradebook target's class list has started: the students the LMS lists, how many of them have answered
 * through the target, and those who have not.
 *
 * @param available  the class list could be read; when not, {@code reason} says why and what to do
 * @param reason     why there is no list (or, when {@code complete} is false, how far it was read); null otherwise
 * @param students   how many students the list has (members who are learners)
 * @param started    how many of them have at least one answer through the target
 * @param notStarted the others, by name
 * @param complete   false when the LMS's list was longer than Assay reads (the counts are of the part read)
 */
public record RosterStanding(String target, boolean available, String reason, int students, int started,
                             List<Student> notStarted, boolean complete) {
    public RosterStanding {
        notStarted = List.copyOf(notStarted);
    }

    /** A student as the LMS shares them: name and e-mail when it shares them (else null), and the LMS's own user id. */
    public record Student(String name, String email, String platformUserId) {
    }

    static RosterStanding unavailable(String target, String reason) {
        return new RosterStanding(target, false, reason, 0, 0, List.of(), false);
    }
}
