-- The family index's "what does this application claim", one narrow row per application.
-- A family lookup reads the claims of every application it reaches; reading them from the
-- application table deserialised each whole row, record JSON included (in H2 a row is stored
-- and read as a whole), which made those reads most of a lookup's cost on a large store.
-- Written in the same transaction as the application row.
CREATE TABLE family_link (
    app_key       VARCHAR(64) NOT NULL,
    priority_keys VARCHAR     NOT NULL,
    CONSTRAINT family_link_pk PRIMARY KEY (app_key)
);
INSERT INTO family_link (app_key, priority_keys) SELECT app_key, priority_keys FROM application;
