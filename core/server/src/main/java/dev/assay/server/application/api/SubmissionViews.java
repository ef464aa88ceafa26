package dev.assay.server.application.api;

import dev.assay.api.Grade;
import dev.assay.server.application.Users;
import dev.assay.server.application.catalog.ConfigVersions;
import dev.assay.server.application.catalog.QuestionCatalog;
import dev.assay.server.application.submissions.ReviewRule;
import dev.assay.server.application.submissions.StoredGrades;
import dev.assay.server.domain.model.GradeEntity;
import dev.assay.server.domain.model.SubmissionEntity;
import dev.assay.server.domain.model.SubmissionFileEntity;
import dev.assay.server.domain.repository.SubmissionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stored submissions and grades as the API's records; runs in the caller's transaction. */
@ApplicationScoped
class SubmissionViews {
    @Inject
    SubmissionRepository submissions;

    @Inject
    Users users;

    @Inject
    QuestionCatalog catalog;

    @Inject
    ConfigVersions configs;

    /** One request's lookups: configuration versions and users, each read once. */
    final class Reading {
        private final Map<Long, Integer> versions = new HashMap<>();
        private final Map<Long, String> platformUsers = new HashMap<>();

        Reading users(List<SubmissionEntity> rows) {
            Set<Long> ids = new HashSet<>();
            rows.forEach(s -> ids.add(s.getUserId()));
            ids.removeAll(platformUsers.keySet());
            if (!ids.isEmpty()) {
                platformUsers.putAll(users.platformUserIds(ids));
            }
            return this;
        }

        /** The user of a submission just stored, as the platform named them: nothing to read. */
        Reading knownUser(long userId, String platformUserId) {
            platformUsers.put(userId, platformUserId);
            return this;
        }

        /** The version of the configuration now in force for the question, from the catalogue: nothing to read. */
        Reading knownVersion(String questionId) {
            catalog.question(questionId).ifPresent(e -> versions.put(e.configId(), e.version()));
            return this;
        }

        int version(long configId) {
            return versions.computeIfAbsent(configId, configs::versionOf);
        }

        Submission submission(SubmissionEntity s, List<SubmissionFileEntity> files) {
            return new Submission(s.getId(), s.getQuestionId(), platformUsers.get(s.getUserId()), s.getAnswerText(),
                    files.stream().map(f -> new Submission.SubmittedFile(f.getName(), f.getMediaType(), f.getSizeBytes()))
                            .toList(), s.getCreatedAt(), version(s.getConfigId()), s.getGradebookTarget());
        }

        StoredGrade grade(GradeEntity g, double questionPoints) {
            return grade(g, StoredGrades.toGrade(g), questionPoints);
        }

        /** With the grade already in hand (just given), without reading the stored JSON back. */
        StoredGrade grade(GradeEntity g, Grade given, double questionPoints) {
            return new StoredGrade(g.getId(), given, !StoredGrades.isUnreadable(given), questionPoints, g.getPluginId(),
                    g.getPluginVersion(), version(g.getConfigId()), g.getDurationMicros() / 1000.0, g.isNeedsReview(),
                    g.getGradedAt(), g.getReviewComment());
        }
    }

    Reading reading() {
        return new Reading();
    }

    /** What the question is worth; 0 for a question no longer on the server (its answers still show). */
    double points(String questionId) {
        return catalog.question(questionId).map(QuestionCatalog.Entry::points).orElse(0.0);
    }

    /** Each submission with its whole history. */
    List<SubmissionHistory> histories(List<SubmissionEntity> rows) {
        Reading r = reading().users(rows);
        Map<Long, List<SubmissionFileEntity>> files = submissions.files(rows.stream().map(SubmissionEntity::getId).toList());
        return rows.stream().map(s -> {
            double points = points(s.getQuestionId());
            List<GradeEntity> history = submissions.history(s.getId());
            List<StoredGrade> grades = history.stream().map(g -> r.grade(g, points)).toList();
            // Every submission has a grade in force (stored with it); were one ever missing, its history still shows.
            StoredGrade inForce = grades.stream().filter(g -> s.getGradeInForceId() != null && g.id() == s.getGradeInForceId())
                    .findFirst().orElse(grades.isEmpty() ? null : grades.get(grades.size() - 1));
            return new SubmissionHistory(r.submission(s, files.getOrDefault(s.getId(), List.of())), grades, inForce,
                    s.isReviewed(), ReviewRule.newerPluginGrade(s, history).map(g -> r.grade(g, points)));
        }).toList();
    }

    /** Each submission with its grade in force only. */
    List<Attempt> attempts(List<SubmissionEntity> rows) {
        Reading r = reading().users(rows);
        List<Long> ids = rows.stream().map(SubmissionEntity::getId).toList();
        Map<Long, List<SubmissionFileEntity>> files = submissions.files(ids);
        Map<Long, GradeEntity> inForce = submissions.grades(rows.stream().map(SubmissionEntity::getGradeInForceId)
                .filter(java.util.Objects::nonNull).toList());
        return rows.stream().map(s -> {
            GradeEntity g = inForce.get(s.getGradeInForceId());
            if (g == null) {
                throw new IllegalStateException("submission " + s.getId() + " has no grade in force");
            }
            return new Attempt(r.submission(s, files.getOrDefault(s.getId(), List.of())), r.grade(g, points(s.getQuestionId())));
        }).toList();
    }
}
