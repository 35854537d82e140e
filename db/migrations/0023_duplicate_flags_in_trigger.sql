-- The possible-duplicate flag moves from the ingest's statement into the insert trigger
-- that keeps duplicate_groups (0021): the trigger already finds every fingerprint that new
-- lines made a group, so it flags that group's lines there (the new lines and the earlier
-- ones they repeat) instead of the ingest probing the account a second time. Every writer
-- of new lines is flagged alike. The count of lines it flagged is added to the
-- transaction-local setting openbanksync.flagged_lines, the one way a trigger can hand a
-- number back to the statement's caller (lib/sync/ingest reads it).
CREATE OR REPLACE FUNCTION duplicate_groups_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  accounts uuid[];
  dates date[];
  amounts numeric[];
  currencies text[];
  flagged int;
BEGIN
  SELECT array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency)
  INTO accounts, dates, amounts, currencies
  FROM (SELECT DISTINCT bank_account_id, booking_date, amount, currency FROM new_rows) f
  WHERE (
    SELECT count(*) FROM transactions t
    WHERE t.bank_account_id = f.bank_account_id AND t.booking_date = f.booking_date AND t.amount = f.amount AND t.currency = f.currency
  ) > 1;
  IF accounts IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM refresh_duplicate_groups(accounts, dates, amounts, currencies);
  UPDATE transactions t SET possible_duplicate = true
  FROM unnest(accounts, dates, amounts, currencies) AS f(bank_account_id, booking_date, amount, currency)
  WHERE t.bank_account_id = f.bank_account_id AND t.booking_date = f.booking_date AND t.amount = f.amount
    AND t.currency = f.currency AND NOT t.possible_duplicate;
  GET DIAGNOSTICS flagged = ROW_COUNT;
  PERFORM set_config('openbanksync.flagged_lines',
    (coalesce(nullif(current_setting('openbanksync.flagged_lines', true), ''), '0')::int + flagged)::text, true);
  RETURN NULL;
END $$;
