-- Version 15 (issue 16): regrades split into work items that every node claims; caches of the catalog kept in step.

-- A regrade is planned once (by whichever node's worker gets to it first, under a lock on its row): the answers it has
-- to grade, in submission id order, cut into ranges, one item each. planned: its items are written (a regrade recorded
-- before V15 is planned like a new one; the grades carrying its id are skipped).
ALTER TABLE regrade ADD COLUMN planned BOOLEAN DEFAULT FALSE NOT NULL;

-- One range of a regrade's answers: those after after_id, up to through_id (NULL: no upper end, the regrade's last
-- item, which also takes answers that need it after the plan was made, such as a new answer's ERROR). A node's worker
-- claims an item (claimed_by: the process, claimed_until_ms: when the claim lapses, epoch milliseconds, renewed by a
-- heartbeat of that process), regrades the range's answers still needing it and not yet graded by this regrade, and
-- marks it done. A node that dies loses its items when their lease lapses; another node takes them over.
-- failures: attempts that ended in an error (the regrade fails at the third); planned: how many answers it had then.
CREATE TABLE regrade_item (
    regrade_id       BIGINT        NOT NULL REFERENCES regrade (id),
    seq              INTEGER       NOT NULL,
    after_id         BIGINT        NOT NULL,
    through_id       BIGINT,
    planned          BIGINT        NOT NULL,
    claimed_by       VARCHAR(64),
    claimed_until_ms BIGINT,
    claims           INTEGER       DEFAULT 0 NOT NULL,
    failures         INTEGER       DEFAULT 0 NOT NULL,
    done             BOOLEAN       DEFAULT FALSE NOT NULL,
    error            VARCHAR(2000),
    PRIMARY KEY (regrade_id, seq)
);
CREATE INDEX ix_regrade_item_open ON regrade_item (done, regrade_id, seq);
CREATE INDEX ix_regrade_item_claimed ON regrade_item (claimed_by);

-- Each node keeps the packs' questions prepared for grading in memory (the catalog). A change of a pack (an import, a
-- configuration saved) adds one to its catalog_version in the same transaction; every node polls these numbers and
-- reloads a pack whose number moved past the one it loaded.
ALTER TABLE course_pack ADD COLUMN catalog_version BIGINT DEFAULT 0 NOT NULL;
