package dev.assay.server.application.ports;

import java.util.List;

/**
 * The class list behind a gradebook target, as the adapter that owns the target knows it (the LTI adapter asks the
 * LMS through Names and Role Provisioning Services). Only students count: the adapter leaves out instructors, teaching
 * assistants and members who are not active, since the core does not speak any LMS's words for roles.
 */
public interface CourseRosters {
    /** Whether this adapter owns the target (the LTI adapter: {@code lti:} targets). */
    boolean handles(String target);

    /** The target's students, or why the adapter cannot say. Bounded in time; never throws for an LMS's refusal. */
    Lookup roster(String target);

    /**
     * A student on the class list.
     *
     * @param userKey        the user as the core knows them (the key their submissions are filed under)
     * @param platformUserId the LMS's own id of the user (LTI: the {@code sub} of their launches)
     * @param name           their name as the LMS shares it, or null
     * @param email          their e-mail address as the LMS shares it, or null
     */
    record Member(String userKey, String platformUserId, String name, String email) {
    }

    /** What the adapter could find out. */
    sealed interface Lookup permits Roster, Unavailable {
    }

    /**
     * The students on the list.
     *
     * @param complete  false when the list was longer than the adapter reads (then {@code limitNote} says how far it read)
     */
    record Roster(List<Member> students, boolean complete, String limitNote) implements Lookup {
        public Roster {
            students = List.copyOf(students);
        }
    }

    /** No list, and a reason an instructor can act on (what to switch on in the LMS, or to try again later). */
    record Unavailable(String reason) implements Lookup {
    }
}
