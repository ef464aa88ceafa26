-- Issue 13 (lti-adapter): the class list and Dynamic Registration.

-- Where the LMS lists the link's course members (LTI Names and Role Provisioning: the launch's
-- context_memberships_url), as the latest launch gave it; null when the LMS shares no class list.
ALTER TABLE lti_link ADD COLUMN memberships_url VARCHAR(1024);

-- One-time registration URLs an administrator hands to an LMS (LTI Dynamic Registration): kept as a hash of the
-- token, valid until expires_at, claimed once (used_at) by the registration that succeeds with it; tool_url is Assay's
-- root as the URL names it (where the LMS is told to send logins and launches).
CREATE TABLE lti_registration_token (
    token_hash    VARCHAR(64)   PRIMARY KEY,
    tool_url      VARCHAR(1024) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    platform_id   BIGINT        REFERENCES lti_platform (id)
);
