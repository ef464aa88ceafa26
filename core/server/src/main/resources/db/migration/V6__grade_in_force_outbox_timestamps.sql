-- Issue 11: an instructor's grade stands through regrades; scores carry strictly increasing timestamps and the
-- review comment to the gradebook.

-- The grade in force of a submission: its latest instructor grade if it has one, else its latest plugin grade.
-- Kept on the submission (updated with each new grade, under a row lock) so that every reader agrees on it and
-- no reader needs a max(id) subquery; the latest plugin grade is what a regrade compares with the configuration.
ALTER TABLE submission ADD COLUMN plugin_grade_id BIGINT;
ALTER TABLE submission ADD COLUMN grade_in_force_id BIGINT;
ALTER TABLE submission ADD CONSTRAINT fk_submission_plugin_grade FOREIGN KEY (plugin_grade_id) REFERENCES grade (id);
ALTER TABLE submission ADD CONSTRAINT fk_submission_grade_in_force FOREIGN KEY (grade_in_force_id) REFERENCES grade (id);

UPDATE submission SET plugin_grade_id =
    (SELECT max(g.id) FROM grade g WHERE g.submission_id = submission.id AND g.plugin_id <> 'instructor');
-- Reviews that a batch regrade had pushed aside (the defect) are in force again.
UPDATE submission SET grade_in_force_id = COALESCE(
    (SELECT max(g.id) FROM grade g WHERE g.submission_id = submission.id AND g.plugin_id = 'instructor'),
    plugin_grade_id);

-- What the instructor wrote with a review, as such (it is also the first feedback block): sent with the score.
ALTER TABLE grade ADD COLUMN review_comment VARCHAR;

-- The review comments in force for the user on the target, sent as the AGS comment (null: none).
ALTER TABLE score_outbox ADD COLUMN score_comment VARCHAR;
-- The timestamp this entry was last sent with (whole seconds): the next score for the same target and user is
-- sent with a later one, as an LMS such as Moodle refuses a score that is not later than the one it holds.
ALTER TABLE score_outbox ADD COLUMN sent_timestamp TIMESTAMP WITH TIME ZONE;
-- Set when the gradebook refused the entry as not later: the next attempt's timestamp is later than this too.
ALTER TABLE score_outbox ADD COLUMN later_than TIMESTAMP WITH TIME ZONE;
