-- The ingest (lib/sync/ingest.ts) already inserts every new line that repeats a fingerprint
-- of the account, or of another new line, flagged as a possible duplicate, and says so for
-- its statement with the transaction-local setting openbanksync.new_lines_flagged. Then
-- only the flagged new lines can have made a group: the trigger recounts just their
-- fingerprints instead of probing the index once for every new line (a first sync's
-- 100,000 lines were 100,000 probes for a handful of groups). Any other writer (a test's
-- INSERT, a hand-written fix) leaves the setting unset and gets every fingerprint probed,
-- as before.
CREATE OR REPLACE FUNCTION duplicate_groups_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  accounts uuid[];
  dates date[];
  amounts numeric[];
  currencies text[];
  flagged int;
  only_flagged boolean := coalesce(current_setting('openbanksync.new_lines_flagged', true), '') = 'on';
BEGIN
  SELECT array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency)
  INTO accounts, dates, amounts, currencies
  FROM (SELECT DISTINCT bank_account_id, booking_date, amount, currency FROM new_rows WHERE possible_duplicate OR NOT only_flagged) f
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
