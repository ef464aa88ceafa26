-- Version 14 (issue 16): how many answers a regrade has to grade, so its progress reads "regraded of total" while it
-- runs. Counted when a run of it begins: those it has graded already plus those still needing it then (answers given
-- while it runs are graded with the current configuration and need none). NULL for a regrade begun before V14.
ALTER TABLE regrade ADD COLUMN to_regrade BIGINT;
