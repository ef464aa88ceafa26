-- Scores for an LMS gradebook. A submission may carry a gradebook target (the adapter's name for where its
-- assignment's score goes, e.g. an LTI resource link); each grade stored for it adds an outbox row in the same
-- transaction, and a worker delivers the rows through the adapter, retrying with backoff.

CREATE TABLE gradebook_target (
    target        VARCHAR(1024) PRIMARY KEY,
    question_ids  VARCHAR       NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE submission ADD COLUMN gradebook_target VARCHAR(1024);

CREATE TABLE score_outbox (
    id              BIGINT        PRIMARY KEY,
    target          VARCHAR(1024) NOT NULL,
    user_key        VARCHAR(1024) NOT NULL,
    score_given     DOUBLE PRECISION NOT NULL,
    score_maximum   DOUBLE PRECISION NOT NULL,
    activity_progress VARCHAR(20) NOT NULL,
    grading_progress  VARCHAR(20) NOT NULL,
    graded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(2000),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_score_outbox_due ON score_outbox (state, next_attempt_at);
CREATE INDEX ix_score_outbox_target_user ON score_outbox (target, user_key);
CREATE SEQUENCE score_outbox_seq START WITH 50 INCREMENT BY 50;
