-- Version 11 (issue 13): a question's title, prompt and points are edited in the workspace as part of a configuration
-- version, so each version carries them. NULL (every version before this one, and those a pack import makes): the
-- question as it then stood, i.e. the pack's title, prompt and points; a version is rendered from the question then.
ALTER TABLE question_config ADD COLUMN title VARCHAR(500);
ALTER TABLE question_config ADD COLUMN prompt VARCHAR;
ALTER TABLE question_config ADD COLUMN points DOUBLE PRECISION;
-- How the question's tests went when the version was saved: PASSING, NONE (no tests); NULL: not run with this version
-- (versions before this one, pack imports). Stored so that the assignment's overview shows it without running tests.
ALTER TABLE question_config ADD COLUMN tests_status VARCHAR(16);

-- The key instructor workspace tokens are signed with (HS256), one row for the whole cluster: made once, by whichever
-- node starts first (the second's insert of row 1 fails and it reads the first's), so every node verifies every token.
CREATE TABLE workspace_secret (
    id INTEGER PRIMARY KEY,
    secret VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
