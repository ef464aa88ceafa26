package dev.assay.server.domain.repository;

import dev.assay.server.domain.model.GradebookTargetEntity;
import java.util.List;
import java.util.Optional;

/** Gradebook targets (an adapter's gradebook columns) and the scores listed to be sent to them again. */
public interface GradebookTargetRepository {
    Optional<GradebookTargetEntity> find(String target);

    void add(GradebookTargetEntity target);

    /** A (target, user) whose score is to be sent again, once. */
    record Resend(String target, long userId) {
    }

    List<Resend> toResend();

    void clearResend();
}
