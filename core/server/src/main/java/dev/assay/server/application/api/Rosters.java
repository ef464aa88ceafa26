package dev.assay.server.application.api;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.ports.CourseRosters;
import dev.assay.server.domain.repository.GradebookTargetRepository;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who has not started: a gradebook target's class list (from the adapter that owns the target) against the answers
 * given through it. The class list is asked for outside any transaction: it may wait for an LMS.
 */
@ApplicationScoped
public class Rosters {
    @Inject
    Instance<CourseRosters> rosters;

    @Inject
    SubmissionRepository submissions;

    @Inject
    GradebookTargetRepository targets;

    @Inject
    Assignments assignments;

    /** The class list of the target and who on it has answered through it; unavailable (with the reason) when there is none. */
    public RosterStanding standing(String target) {
        Optional<CourseRosters> owner = rosters.stream().filter(r -> r.handles(target)).findFirst();
        if (owner.isEmpty()) {
            return RosterStanding.unavailable(target, "Only an activity in an LMS has a class list; '" + target
                    + "' is not one.");
        }
        CourseRosters.Lookup lookup = owner.get().roster(target);
        if (lookup instanceof CourseRosters.Unavailable u) {
            return RosterStanding.unavailable(target, u.reason());
        }
        CourseRosters.Roster roster = (CourseRosters.Roster) lookup;
        Set<String> answered = Set.copyOf(submissions.usersWithSubmissions(target));
        List<RosterStanding.Student> notStarted = roster.students().stream().filter(m -> !answered.contains(m.userKey()))
                .map(m -> new RosterStanding.Student(m.name(), m.email(), m.platformUserId()))
                .sorted(Comparator.comparing((RosterStanding.Student s) -> s.name() == null ? "\uffff" : s.name())
                        .thenComparing(RosterStanding.Student::platformUserId))
                .toList();
        int students = roster.students().size();
        return new RosterStanding(target, true, roster.complete() ? null : roster.limitNote(), students,
                students - notStarted.size(), notStarted, roster.complete());
    }

    /**
     * The same, for a target that counts the questions of assignment {@code assignmentId}; not found when the target
     * is unknown or counts another assignment's questions.
     */
    public RosterStanding standing(long assignmentId, String target) {
        Assignment a = assignments.get(assignmentId);
        if (target == null || target.isBlank()) {
            throw new AssayException(AssayException.Kind.INVALID, "Name the activity: ?target=<gradebook target>, e.g. "
                    + "target=lti:12.");
        }
        List<String> counted = targets.find(target).map(t -> Arrays.asList(t.getQuestionIds().split(",")))
                .orElseThrow(() -> AssayException.notFound("No gradebook target '" + target + "'."));
        if (!a.questions().containsAll(counted)) {
            throw AssayException.notFound("The gradebook target '" + target + "' is not an activity of assignment " + a.name() + ".");
        }
        return standing(target);
    }
}
