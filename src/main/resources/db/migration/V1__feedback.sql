-- CDS Hooks feedback, one row per feedback item (CDS Hooks 2.0 §Feedback). Portable SQL: H2 2.x and PostgreSQL.
-- item_key is the SHA-256 (hex) of service, card, outcome, outcome time, accepted suggestions, reason and comment:
-- a repeated item (clients batch and retry) finds its row and is not stored again.
CREATE TABLE feedback (
    item_key       VARCHAR(64)              NOT NULL PRIMARY KEY,
    service_id     VARCHAR(100)             NOT NULL,
    card_uuid      VARCHAR(200)             NOT NULL,
    outcome        VARCHAR(16)              NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
    reason_system  VARCHAR(500),
    reason_code    VARCHAR(200),
    reason_display VARCHAR(500),
    user_comment   VARCHAR(10000),
    outcome_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    hook_instance  VARCHAR(200)
);

CREATE INDEX feedback_service_card ON feedback (service_id, card_uuid);

-- The suggestions a user accepted (acceptedSuggestions[].id), one row each.
CREATE TABLE feedback_suggestion (
    item_key      VARCHAR(64)  NOT NULL REFERENCES feedback (item_key),
    suggestion_id VARCHAR(200) NOT NULL,
    PRIMARY KEY (item_key, suggestion_id)
);
