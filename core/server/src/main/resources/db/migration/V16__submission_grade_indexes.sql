-- Indexes on the submission columns that point at a grade (V6). PostgreSQL does not index a foreign key's referencing
-- column by itself (H2 does), so deleting or re-keying a grade scanned every submission to check nothing pointed at it:
-- the issue-16 regrade bench found deleting 100,000 grades took over 10 minutes. Reads by these columns (the regrade's
-- join from a submission's grade in force) use them too. Expand-only: old nodes ignore the indexes.
CREATE INDEX ix_submission_plugin_grade ON submission (plugin_grade_id);
CREATE INDEX ix_submission_grade_in_force ON submission (grade_in_force_id);
