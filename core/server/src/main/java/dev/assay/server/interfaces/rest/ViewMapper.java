package dev.assay.server.interfaces.rest;

import dev.assay.api.Grade;
import dev.assay.server.application.api.Preview;
import dev.assay.server.application.api.StoredGrade;
import dev.assay.server.application.api.Submission;
import dev.assay.server.application.api.SubmissionHistory;
import dev.assay.server.interfaces.rest.dto.Views;

/** From the application API's records to /api's response bodies. */
final class ViewMapper {
    private ViewMapper() {
    }

    static Views.GradeView grade(StoredGrade g) {
        Grade grade = g.grade();
        return new Views.GradeView(g.id(), g.status(), grade.score(), g.points(), grade.notes(), grade.feedback(), grade.echo(),
                g.plugin(), g.pluginVersion(), g.configVersion(), g.durationMs(), g.needsReview(), g.gradedAt());
    }

    static Views.PreviewView preview(Preview p) {
        Grade g = p.grade();
        return new Views.PreviewView(p.questionId(), p.status(), g.score(), p.points(), p.questionPoints(), g.notes(),
                g.feedback(), g.echo(), p.plugin(), p.pluginVersion(), p.draft(), p.draft() ? null : p.configVersion(),
                p.durationMs());
    }

    /** A submission with its history, the grade in force named, and a reviewed answer's newer plugin grade. */
    static Views.SubmissionView submission(SubmissionHistory h) {
        Submission s = h.submission();
        return new Views.SubmissionView(s.id(), s.questionId(), s.user(), s.answer(),
                s.files().stream().map(f -> new Views.FileView(f.name(), f.mediaType(), f.size())).toList(), s.createdAt(),
                s.configVersion(), h.grades().stream().map(ViewMapper::grade).toList(), h.inForce() == null ? null : h.inForce().id(), h.reviewed(),
                h.newerPluginGrade().map(ViewMapper::grade).orElse(null));
    }
}
