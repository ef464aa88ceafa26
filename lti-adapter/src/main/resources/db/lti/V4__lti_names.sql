-- The names launches carry, by user key: for instructors' views (the review queue) inside the LMS.
CREATE TABLE lti_user_name (
    user_key      VARCHAR(1024) PRIMARY KEY,
    name          VARCHAR(500)  NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
