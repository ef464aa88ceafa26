package dev.assay.server.interfaces.rest;

import dev.assay.api.Answer;
import dev.assay.api.Attachment;
import dev.assay.api.Grade;
import dev.assay.engine.pack.MediaTypes;
import dev.assay.server.application.AssayException;
import dev.assay.server.application.SubmissionStore;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.QuestionConfigEntity;
import dev.assay.server.interfaces.rest.dto.FileBody;
import dev.assay.server.interfaces.rest.dto.Views;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Between REST bodies and the application's values. */
public final class ViewMapper {
    private ViewMapper() {
    }

    public static Answer answer(String text, List<FileBody> files) {
        List<Attachment> attachments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<FileBody> list = files == null ? List.of() : files;
        for (int i = 0; i < list.size(); i++) {
            FileBody f = list.get(i);
            if (!names.add(f.name())) {
                throw new AssayException(AssayException.Kind.INVALID, "Two files are named " + f.name() + ".",
                        List.of(new AssayException.Problem("files[" + i + "].name", "is used twice")));
            }
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(f.content());
            } catch (IllegalArgumentException e) {
                throw new AssayException(AssayException.Kind.INVALID, "A file's content is not Base64.",
                        List.of(new AssayException.Problem("files[" + i + "].content", e.getMessage())));
            }
            String type = f.mediaType() == null || f.mediaType().isBlank() ? MediaTypes.guess(f.name()) : f.mediaType();
            attachments.add(new Attachment(f.name(), type, content));
        }
        return new Answer(text, attachments);
    }

    static Views.GradeView grade(GradeEntity g, double points, int configVersion) {
        return grade(g, SubmissionStore.toGrade(g), points, configVersion);
    }

    /** With the grade already in hand (just given), without reading the stored JSON back. */
    static Views.GradeView grade(GradeEntity g, Grade grade, double points, int configVersion) {
        String status = grade.hasNote(SubmissionStore.UNREADABLE) ? "UNREADABLE" : grade.status().name();
        return new Views.GradeView(g.getId(), status, grade.score(), grade.score() * points, grade.notes(),
                grade.feedback(), grade.echo(), g.getPluginId(), g.getPluginVersion(), configVersion,
                g.getDurationMicros() / 1000.0, g.isNeedsReview(), g.getGradedAt());
    }

    static Views.ConfigVersionView config(QuestionConfigEntity c) {
        try {
            return new Views.ConfigVersionView(c.getQuestionId(), c.getVersion(), c.getPluginId(),
                    dev.assay.engine.json.Json.json().readTree(c.getConfigJson()), c.getExpectedApproach(),
                    c.getCreatedAt(), c.getCreatedBy(), c.getReason());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
