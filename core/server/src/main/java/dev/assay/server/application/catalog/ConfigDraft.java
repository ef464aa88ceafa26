package dev.assay.server.application.catalog;

import dev.assay.engine.pack.CatalogQuestion;
import dev.assay.engine.pack.CoursePack;
import dev.assay.server.domain.model.QuestionConfigEntity;

/**
 * A question edit checked and prepared, not yet stored: what a save runs the question's tests with, then stores.
 *
 * @param current    the version in force when the edit was prepared: the save is refused if another is by the time
 *                   it is stored
 * @param prepared   the question as the edit makes it (configuration, approach, tests, title, prompt, points)
 * @param testsGiven whether the edit brought its own tests (then stored with the version)
 * @param unchanged  whether the edit changes nothing (no version is made)
 */
record ConfigDraft(String questionId, QuestionConfigEntity current, CoursePack pack, CatalogQuestion prepared,
                   boolean testsGiven, String reason, boolean unchanged) {
}
