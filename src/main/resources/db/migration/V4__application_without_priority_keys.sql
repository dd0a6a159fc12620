-- The application row no longer keeps its own copy of the active priority keys: family_link holds
-- them for the family index, and the record's priority claims are where they come from.
ALTER TABLE application DROP COLUMN priority_keys;
