-- Version 8 (issue 11, after review): a regrade's grades carry its id; uploads keep only their hash; the gradebook
-- hears once of the reviews V6 put back in force.

-- The regrade that gave this grade (NULL: a grade given at submission, by a review, or by a single regrade). What a
-- regrade has done is read from its grades: which answers it has graded (a run after a restart skips exactly those,
-- and nothing another process graded meanwhile, such as a new answer's ERROR) and how many (exact, even after kill -9,
-- as each chunk's grades commit together). regrade.regraded and regrade.last_submission_id are no longer written:
-- they keep what regrades recorded before this version, and a regrade's count is theirs plus its tagged grades'.
ALTER TABLE grade ADD COLUMN regrade_id BIGINT;
ALTER TABLE grade ADD CONSTRAINT fk_grade_regrade FOREIGN KEY (regrade_id) REFERENCES regrade (id);
CREATE INDEX ix_grade_regrade ON grade (regrade_id, submission_id);

-- An upload's archive was stored twice (course_pack holds the pack as stored) and never read again: only the hash
-- and time of the last upload stay. The packs folder's archive stays: it is the base of the folder's next merge.
ALTER TABLE pack_source ALTER COLUMN archive DROP NOT NULL;
UPDATE pack_source SET archive = NULL WHERE source = 'upload';

-- (target, user) pairs whose score the gradebook must be sent again, once, at the next start (the start-up pass
-- enqueues each pair's score as it stands and deletes its row in the same transaction, so it runs once). Filled here
-- with the pairs V6 may have changed: V6 put back in force the reviews that a batch regrade had pushed aside, but the
-- gradebook still holds the score that regrade sent. Which pairs V6 changed cannot be told apart after the fact from
-- a later regrade of a reviewed answer (which sends nothing), so every pair with a reviewed answer regraded after its
-- review is taken: for the others the score sent again is the one the gradebook already has.
CREATE TABLE gradebook_resend (
    target   VARCHAR(1024) NOT NULL,
    user_id  BIGINT        NOT NULL REFERENCES app_user (id),
    PRIMARY KEY (target, user_id)
);
INSERT INTO gradebook_resend (target, user_id)
    SELECT DISTINCT s.gradebook_target, s.user_id
    FROM submission s
    JOIN grade r ON r.id = s.grade_in_force_id
    JOIN grade p ON p.id = s.plugin_grade_id
    WHERE s.gradebook_target IS NOT NULL AND r.plugin_id = 'instructor' AND p.id > r.id;
