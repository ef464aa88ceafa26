-- Version 13 (issue 16): an outbox entry is claimed by one server process at a time, for a lease.
-- claimed_by names the process sending it (a random id per process); claimed_until is when its claim lapses. A process
-- that dies while sending loses its claims when their leases run out, and another sends those scores (a score POST sets,
-- it does not add, so a score that had reached the LMS is merely set again). NULL: not claimed. Old and new nodes both
-- run with these columns: an old node ignores them.
ALTER TABLE score_outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE score_outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
