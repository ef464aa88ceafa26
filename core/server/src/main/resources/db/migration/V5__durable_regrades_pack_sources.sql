-- Version 5: regrades that survive a restart, and what each source of a pack last imported.

-- A batch regrade, as the instructor asked for it: the Jakarta Batch job only runs it (Payara Micro keeps its
-- job repository in memory, so its execution ids restart at 1 and vanish with the process). A regrade whose
-- state is STARTING or STARTED when the server starts is started again and carries on after last_submission_id.
-- running_assignment is the assignment's id while the regrade runs and NULL once it has ended: a unique key on
-- it admits one running regrade per assignment, on H2 and PostgreSQL alike (NULLs are distinct in both).
CREATE TABLE regrade (
    id                 BIGINT        PRIMARY KEY,
    assignment_id      BIGINT        NOT NULL REFERENCES assignment (id),
    target             VARCHAR(1024),
    state              VARCHAR(20)   NOT NULL,
    running_assignment BIGINT        UNIQUE,
    regraded           BIGINT        NOT NULL,
    last_submission_id BIGINT        NOT NULL,
    requested_by       VARCHAR(200)  NOT NULL,
    requested_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    ended_at           TIMESTAMP WITH TIME ZONE,
    runs               INTEGER       NOT NULL,
    runner             VARCHAR(64),
    batch_execution_id BIGINT,
    error              VARCHAR(2000)
);
CREATE INDEX ix_regrade_assignment ON regrade (assignment_id, id);
CREATE INDEX ix_regrade_state ON regrade (state);
CREATE SEQUENCE regrade_seq START WITH 1 INCREMENT BY 1;

-- The archive last imported from each source of a pack ('folder': the packs folder at start-up; 'upload': the
-- REST API). The start-up import compares the folder with what it gave last time, not with what is in force.
CREATE TABLE pack_source (
    pack_id        VARCHAR(64)   NOT NULL REFERENCES course_pack (id),
    source         VARCHAR(32)   NOT NULL,
    archive        ${blob}       NOT NULL,
    archive_sha256 VARCHAR(64)   NOT NULL,
    imported_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pack_id, source)
);
INSERT INTO pack_source (pack_id, source, archive, archive_sha256, imported_at)
    SELECT id, source, archive, archive_sha256, imported_at FROM course_pack;

-- A question the packs folder changed while it was also changed in Assay: Assay's value stays in force, and the
-- folder's is kept here for the instructor to compare and choose. Replaced at each import from that source.
CREATE TABLE pack_conflict (
    id             BIGINT        PRIMARY KEY,
    pack_id        VARCHAR(64)   NOT NULL REFERENCES course_pack (id),
    question_id    VARCHAR(200)  NOT NULL REFERENCES question (id),
    field          VARCHAR(32)   NOT NULL,
    source         VARCHAR(32)   NOT NULL,
    kept_value     VARCHAR       NOT NULL,
    source_value   VARCHAR       NOT NULL,
    detected_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_pack_conflict UNIQUE (question_id, field, source)
);
CREATE INDEX ix_pack_conflict_pack ON pack_conflict (pack_id);
CREATE SEQUENCE pack_conflict_seq START WITH 1 INCREMENT BY 1;
