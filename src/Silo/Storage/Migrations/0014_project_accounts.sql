-- A project's accounts become records of their own in full: each row also keeps the account's place in the project's
-- listing order and the platform user it belongs to, and a row may be only a claim (an id reserved for a user who is
-- connecting, no view yet). Before, the project's grain state held the order and the user index, and every connect
-- rewrote that state whole, so a connect cost in proportion to the project's accounts. Rows stored before this have
-- no place; the project's grain gives them one from its state the first time it activates.

ALTER TABLE layers_account_views ALTER COLUMN view DROP NOT NULL;
ALTER TABLE layers_account_views ADD COLUMN IF NOT EXISTS joined bigint;
ALTER TABLE layers_account_views ADD COLUMN IF NOT EXISTS user_key text;
