package dev.assay.lti;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.api.Assignment;
import dev.assay.server.application.api.Assignments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The server's assignments as LTI activities see them: by name, as choices, and the one an activity is bound to. */
@ApplicationScoped
public class ActivityAssignments {
    @Inject
    Assignments catalog;
    @Inject
    LinkStore links;
    @Inject
    DemoTenancy demo;

    private record AssignmentList(List<Assignment> all, long readAt) {
    }

    private volatile AssignmentList assignments = new AssignmentList(List.of(), 0);

    /** The server's assignments, read at most every 2 s: launches do not query for them each time. */
    private List<Assignment> all() {
        AssignmentList a = assignments;
        if (System.nanoTime() - a.readAt() > 2_000_000_000L || a.all().isEmpty()) {
            a = new AssignmentList(catalog.list(Optional.empty()), System.nanoTime());
            assignments = a;
        }
        return a.all();
    }

    /** An assignment by name: "pack/assignment", or an assignment key (or pack id) that is unique on this server. */
    Optional<Assignment> byName(String name) {
        return Assignments.byName(all(), name);
    }

    /**
     * An assignment an LMS activity may be set up with, by name, or a refusal (not found) that names it: the demo
     * course's copy is not one ({@link DemoTenancy}).
     */
    Assignment named(String name) {
        return byName(name).filter(a -> !DemoTenancy.isDemoPack(a))
                .orElseThrow(() -> AssayException.notFound("No assignment '" + name + "' on this server."));
    }

    /** What an instructor chooses from: each assignment's name and title (the demo course's copy is not offered). */
    List<String[]> choices() {
        return all().stream().filter(a -> !DemoTenancy.isDemoPack(a)).map(a -> new String[]{a.name(), a.title()}).toList();
    }

    /** The assignment the link is bound to, if it is on this server and the link may open it ({@link DemoTenancy#mayOpen}). */
    Optional<Assignment> boundTo(LinkStore.Link link) {
        return link.assignmentBound().flatMap(this::byName).filter(a -> demo.mayOpen(link, a));
    }

    /** The points an assignment is worth (its line item's maximum). */
    double points(Assignment a) {
        return catalog.points(a);
    }

    /** The session's link, bound to an assignment that holds this question (null: any); else a clear refusal. */
    Assignment forSession(Sessions.Session s, String questionId) {
        LinkStore.Link link = links.byId(s.linkId()).orElseThrow(() -> AssayException.notFound("This activity is gone."));
        Assignment a = boundTo(link).orElseThrow(() ->
                new AssayException(AssayException.Kind.CONFLICT, "This activity has no assignment yet."));
        if (questionId != null && !a.questions().contains(questionId)) {
            throw AssayException.notFound("Question " + questionId + " is not part of this activity's assignment.");
        }
        return a;
    }
}
