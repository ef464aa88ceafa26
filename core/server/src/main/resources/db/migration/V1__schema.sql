-- Assay schema, version 1. Portable between H2 2.x and PostgreSQL 15: ${blob} is BLOB on H2, BYTEA on PostgreSQL.
-- Nothing a regrade needs is ever overwritten: configurations are versions, submissions are immutable,
-- grades accumulate per submission and configuration version.
-- Generated ids come from sequences in blocks of 50 (JPA allocationSize 50): no round trip per insert,
-- and safe under concurrent inserts on both databases.

CREATE TABLE course_context (
    id            BIGINT        PRIMARY KEY,
    platform_key  VARCHAR(1024) NOT NULL UNIQUE,
    title         VARCHAR(500)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE course_pack (
    id            VARCHAR(64)   PRIMARY KEY,
    title         VARCHAR(500)  NOT NULL,
    version       VARCHAR(64)   NOT NULL,
    description   VARCHAR(4000) NOT NULL,
    archive       ${blob}       NOT NULL,
    archive_sha256 VARCHAR(64)  NOT NULL,
    source        VARCHAR(32)   NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE assignment (
    id            BIGINT        PRIMARY KEY,
    pack_id       VARCHAR(64)   NOT NULL REFERENCES course_pack (id),
    assignment_key VARCHAR(64)  NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    question_ids  VARCHAR       NOT NULL,
    context_id    BIGINT        REFERENCES course_context (id),
    CONSTRAINT uq_assignment_key UNIQUE (pack_id, assignment_key)
);

CREATE TABLE question (
    id            VARCHAR(200)  PRIMARY KEY,
    pack_id       VARCHAR(64)   NOT NULL REFERENCES course_pack (id),
    title         VARCHAR(500)  NOT NULL,
    prompt        VARCHAR       NOT NULL,
    points        DOUBLE PRECISION NOT NULL,
    plugin_id     VARCHAR(64)   NOT NULL,
    current_version INTEGER     NOT NULL
);

CREATE TABLE question_config (
    id            BIGINT        PRIMARY KEY,
    question_id   VARCHAR(200)  NOT NULL REFERENCES question (id),
    version       INTEGER       NOT NULL,
    plugin_id     VARCHAR(64)   NOT NULL,
    config_json   VARCHAR       NOT NULL,
    expected_approach VARCHAR   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    reason        VARCHAR(500)  NOT NULL,
    CONSTRAINT uq_question_config_version UNIQUE (question_id, version)
);

CREATE TABLE app_user (
    id            BIGINT        PRIMARY KEY,
    platform_user_id VARCHAR(1024) NOT NULL UNIQUE,
    display_name  VARCHAR(500),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE submission (
    id            BIGINT        PRIMARY KEY,
    question_id   VARCHAR(200)  NOT NULL REFERENCES question (id),
    user_id       BIGINT        NOT NULL REFERENCES app_user (id),
    config_id     BIGINT        NOT NULL REFERENCES question_config (id),
    answer_text   VARCHAR       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_submission_question_user ON submission (question_id, user_id);

CREATE TABLE submission_file (
    id            BIGINT        PRIMARY KEY,
    submission_id BIGINT        NOT NULL REFERENCES submission (id),
    name          VARCHAR(255)  NOT NULL,
    media_type    VARCHAR(255)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    content       ${blob}       NOT NULL
);
CREATE INDEX ix_submission_file_submission ON submission_file (submission_id);

CREATE TABLE grade (
    id            BIGINT        PRIMARY KEY,
    submission_id BIGINT        NOT NULL REFERENCES submission (id),
    config_id     BIGINT        NOT NULL REFERENCES question_config (id),
    status        VARCHAR(20)   NOT NULL,
    score         DOUBLE PRECISION NOT NULL,
    notes_json    VARCHAR       NOT NULL,
    feedback_json VARCHAR       NOT NULL,
    echo_json     VARCHAR       NOT NULL,
    plugin_id     VARCHAR(64)   NOT NULL,
    plugin_version VARCHAR(64)  NOT NULL,
    duration_micros BIGINT      NOT NULL,
    seed          BIGINT        NOT NULL,
    needs_review  BOOLEAN       NOT NULL,
    graded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_grade_submission ON grade (submission_id);

CREATE TABLE audit_log (
    id            BIGINT        PRIMARY KEY,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    entity_type   VARCHAR(64)   NOT NULL,
    entity_id     VARCHAR(200)  NOT NULL,
    detail        VARCHAR       NOT NULL
);
CREATE INDEX ix_audit_entity ON audit_log (entity_type, entity_id);

CREATE SEQUENCE course_context_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE assignment_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE question_config_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE app_user_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE submission_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE submission_file_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE grade_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE audit_log_seq START WITH 50 INCREMENT BY 50;
