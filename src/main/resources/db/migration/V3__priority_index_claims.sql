-- Each priority index entry carries its claimant's own priority keys, so that one level of the
-- extended family search is one range scan of this table, with no probe into family_link per
-- claimant. The entries of an application are rewritten together whenever its record changes.
ALTER TABLE priority_index ADD COLUMN claimant_keys VARCHAR;
UPDATE priority_index SET claimant_keys =
    (SELECT l.priority_keys FROM family_link l WHERE l.app_key = priority_index.app_key);
ALTER TABLE priority_index ALTER COLUMN claimant_keys SET NOT NULL;
