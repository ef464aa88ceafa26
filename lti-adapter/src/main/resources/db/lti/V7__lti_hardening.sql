-- Issue 11 (lti-adapter).

-- What a deep-linking launch must remember until the instructor has chosen: kept here, not in the page's session
-- token, so the token's size does not depend on what the platform sends (a long return URL or data).
CREATE TABLE lti_deep_link (
    id            VARCHAR(64)   PRIMARY KEY,
    platform_id   BIGINT        NOT NULL REFERENCES lti_platform (id),
    deployment_id VARCHAR(255)  NOT NULL,
    return_url    VARCHAR(2048) NOT NULL,
    platform_data VARCHAR,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_lti_deep_link_expiry ON lti_deep_link (expires_at);

-- The URL this platform reaches Assay by (what its admin entered as the tool URL): where logins send the launch
-- when ASSAY_LTI_PUBLICURL is not set, instead of the request's Host header.
ALTER TABLE lti_platform ADD COLUMN tool_url VARCHAR(1024);

-- Pending logins are counted per platform (a cap, so /lti/login cannot fill the table).
CREATE INDEX ix_lti_login_state_platform ON lti_login_state (platform_id, expires_at);
