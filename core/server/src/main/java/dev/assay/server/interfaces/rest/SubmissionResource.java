package dev.assay.server.interfaces.rest;

import dev.assay.server.application.AssayException;
import dev.assay.server.application.GradingService;
import dev.assay.server.application.SubmissionStore;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.interfaces.rest.dto.Views;
import dev.assay.server.interfaces.rest.security.Allowed;
import dev.assay.server.interfaces.rest.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A submission with its grade history (oldest first); regrading adds to the history. */
@Path("submissions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {
    @Inject
    SubmissionStore store;

    @Inject
    GradingService grading;

    @GET
    @Path("{id}")
    @Allowed({Role.STUDENT, Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView get(@PathParam("id") long id) {
        return view(store.submission(id).orElseThrow(() -> AssayException.notFound("No submission " + id + ".")), store, grading);
    }

    @POST
    @Path("{id}/regrade")
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView regrade(@PathParam("id") long id) {
        grading.regrade(id);
        return get(id);
    }

    /**
     * An instructor's decision on a submission: points out of the question's (their range is checked where the review
     * is stored, the one rule for REST and the LTI page), and a comment for the student.
     */
    public record ReviewBody(@jakarta.validation.constraints.NotNull Double points,
                             @jakarta.validation.constraints.Size(max = 20_000) String comment,
                             @jakarta.validation.constraints.Size(max = 200) String reviewer) {
    }

    @POST
    @Path("{id}/review")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.INSTRUCTOR, Role.ADMIN})
    public Views.SubmissionView review(@PathParam("id") long id, @jakarta.validation.Valid @jakarta.validation.constraints.NotNull
            ReviewBody body) {
        String reviewer = body.reviewer() == null || body.reviewer().isBlank() ? "instructor" : body.reviewer();
        store.review(id, body.points(), body.comment(), reviewer);
        return get(id);
    }

    /**
     * A submission with its history, the grade in force named, and for a reviewed answer the plugin's newer grade when
     * it differs from the instructor's (so the instructor sees what a regrade would have changed).
     */
    static Views.SubmissionView view(SubmissionEntity s, SubmissionStore store, GradingService grading) {
        double points = grading.question(s.getQuestionId()).question().def().points();
        // Grades of one submission share few configuration versions: look each up once.
        java.util.Map<Long, Integer> versions = new java.util.HashMap<>();
        List<GradeEntity> history = store.grades(s.getId());
        List<Views.GradeView> grades = history.stream()
                .map((GradeEntity g) -> ViewMapper.grade(g, points,
                        versions.computeIfAbsent(g.getConfigId(), grading::versionOf))).toList();
        Views.GradeView newerPluginGrade = SubmissionStore.newerPluginGrade(s, history)
                .map(g -> ViewMapper.grade(g, points, versions.computeIfAbsent(g.getConfigId(), grading::versionOf))).orElse(null);
        List<Views.FileView> files = store.files(s.getId()).stream()
                .map(f -> new Views.FileView(f.getName(), f.getMediaType(), f.getSizeBytes())).toList();
        return new Views.SubmissionView(s.getId(), s.getQuestionId(), store.platformUserId(s.getUserId()), s.getAnswerText(),
                files, s.getCreatedAt(), versions.computeIfAbsent(s.getConfigId(), grading::versionOf), grades,
                s.getGradeInForceId(), s.isReviewed(), newerPluginGrade);
    }
}
