package dev.assay.server.application.submissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.api.Echo;
import dev.assay.api.FeedbackBlock;
import dev.assay.api.Grade;
import dev.assay.engine.json.Json;
import dev.assay.server.domain.model.GradeEntity;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** Stored grades read back as the SPI's values. Reading stored data never fails. */
public final class StoredGrades {
    private static final Logger LOG = Logger.getLogger(StoredGrades.class.getName());

    /** The note of a stored grade that cannot be read back (see {@link #toGrade}). */
    public static final String UNREADABLE = "UNREADABLE_GRADE";

    /** Stored grades already reported as unreadable (each is logged once, not at every read). */
    private static final Set<Long> REPORTED_UNREADABLE = ConcurrentHashMap.newKeySet();

    private StoredGrades() {
    }

    /**
     * A stored grade read back as the SPI's value. A row whose score is not a fraction in [0, 1] (a NaN stored before
     * such points were refused), whose status this version does not know, or whose JSON does not read comes back as an
     * ERROR grade with score 0, the note {@value #UNREADABLE} and a note that says so, and is logged once.
     */
    public static Grade toGrade(GradeEntity g) {
        String problem;
        try {
            List<String> notes = Json.json().readValue(g.getNotesJson(), new TypeReference<List<String>>() { });
            List<FeedbackBlock> feedback = Json.json().readValue(g.getFeedbackJson(), new TypeReference<List<FeedbackBlock>>() { });
            Echo echo = Json.json().readValue(g.getEchoJson(), Echo.class);
            if (g.getStatus() == null) {
                problem = "its status is not one this version knows";
            } else if (g.hasReadableScore()) {
                return new Grade(g.getStatus(), g.getScore(), notes, feedback, echo);
            } else {
                problem = "its score " + g.getScore() + " is not a fraction from 0 to 1";
            }
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            problem = "it does not read: " + e.getMessage();
        }
        if (REPORTED_UNREADABLE.size() < 10_000 && REPORTED_UNREADABLE.add(g.getId())) {
            String why = problem;
            LOG.warning(() -> "Stored grade " + g.getId() + " of submission " + g.getSubmissionId() + " is shown as unreadable: " + why);
        }
        return Grade.builder(Grade.Status.ERROR).note(UNREADABLE)
                .feedback(FeedbackBlock.of(FeedbackBlock.Kind.INFO, "This grade could not be read back from storage, so it "
                        + "counts as 0 for now. Nothing you submitted is lost: your instructor can regrade or review this answer."))
                .build();
    }

    /** Whether a grade read back by {@link #toGrade} is one that could not be read. */
    public static boolean isUnreadable(Grade g) {
        return g.hasNote(UNREADABLE);
    }
}
