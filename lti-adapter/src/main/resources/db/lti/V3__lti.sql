-- LTI 1.3 (lti-adapter). Versions: the core owns V1, V2; the adapter V3 and up.

CREATE TABLE lti_platform (
    id            BIGINT        PRIMARY KEY,
    issuer        VARCHAR(512)  NOT NULL,
    client_id     VARCHAR(255)  NOT NULL,
    auth_url      VARCHAR(1024) NOT NULL,
    token_url     VARCHAR(1024) NOT NULL,
    jwks_url      VARCHAR(1024) NOT NULL,
    name          VARCHAR(255)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_lti_platform UNIQUE (issuer, client_id)
);

CREATE TABLE lti_deployment (
    platform_id   BIGINT        NOT NULL REFERENCES lti_platform (id),
    deployment_id VARCHAR(255)  NOT NULL,
    PRIMARY KEY (platform_id, deployment_id)
);

-- The tool's keys: RSA key pairs (published in the JWKS while not retired) and the session secret.
CREATE TABLE lti_tool_key (
    kid           VARCHAR(64)   PRIMARY KEY,
    kind          VARCHAR(16)   NOT NULL,
    material      VARCHAR       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    retire_at     TIMESTAMP WITH TIME ZONE
);

-- OIDC login state and nonce: single use, short lived.
CREATE TABLE lti_login_state (
    state         VARCHAR(64)   PRIMARY KEY,
    nonce         VARCHAR(64)   NOT NULL,
    platform_id   BIGINT        NOT NULL REFERENCES lti_platform (id),
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_lti_login_state_expiry ON lti_login_state (expires_at);

-- Resource links as launched: the tenancy (platform, deployment), the assignment bound to it, the AGS endpoints.
CREATE TABLE lti_link (
    id               BIGINT        PRIMARY KEY,
    platform_id      BIGINT        NOT NULL REFERENCES lti_platform (id),
    deployment_id    VARCHAR(255)  NOT NULL,
    resource_link_id VARCHAR(255)  NOT NULL,
    context_id       VARCHAR(255),
    title            VARCHAR(500),
    assignment       VARCHAR(200),
    lineitem_url     VARCHAR(1024),
    lineitems_url    VARCHAR(1024),
    ags_scopes       VARCHAR(1024),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_lti_link UNIQUE (platform_id, deployment_id, resource_link_id)
);

CREATE SEQUENCE lti_seq START WITH 1 INCREMENT BY 1;
