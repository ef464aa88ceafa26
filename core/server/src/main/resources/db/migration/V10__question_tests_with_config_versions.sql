-- Version 10 (issue 13): a configuration version carries the question's tests as they stood when it was saved (a JSON
-- list of {name, answer, files, score, notes, feedback}), so that tests edited on a save are kept, versioned, restored
-- and exported with the configuration. NULL: the tests the stored pack has (every version made before this one, and
-- those an import makes).
ALTER TABLE question_config ADD COLUMN tests_json VARCHAR;
