-- Version 9 (issue 12): the score outbox records what happened in the core's own words, not in a gradebook
-- protocol's. "complete": every question of the assignment has an answer (AGS said activityProgress Completed);
-- "awaiting_review": a grade in force waits for a person, as it needs review, is an error or cannot be read (AGS said
-- gradingProgress PendingManual). The LTI adapter maps these to AGS's words when it sends a score.
ALTER TABLE score_outbox ADD COLUMN complete BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE score_outbox ADD COLUMN awaiting_review BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE score_outbox SET complete = (activity_progress = 'Completed'), awaiting_review = (grading_progress = 'PendingManual');
ALTER TABLE score_outbox DROP COLUMN activity_progress;
ALTER TABLE score_outbox DROP COLUMN grading_progress;
