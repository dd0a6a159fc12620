-- Bulk import (V6): an item's outcome row no longer checks its run's row through a foreign key.
--
-- The ledger (org.dossierlink.store.JdbcImportLedger) writes outcome rows only for a run whose row it
-- inserted first, or read (a writer of a run opens by reading the run's row), and no code deletes runs, so
-- the cascade had nothing to do. The check was a lookup of the run's row for every imported item (on
-- PostgreSQL a trigger, a query and a row lock each), now that the item's transaction no longer writes
-- that row (the row is a checkpoint, written every 1,000 items). Plain SQL both H2 and PostgreSQL accept.
ALTER TABLE import_item DROP CONSTRAINT import_item_run_fk;
