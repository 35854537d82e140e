-- duplicate_groups (0019) kept up to date by the database itself, so every writer of
-- transactions (the ingest, a file import's commit, a restore, a deletion, a provider's
-- correction) and every "Not a duplicate" keeps it consistent without knowing it exists.
-- Statement-level triggers with transition tables: one recount per statement of the
-- fingerprints it touched, never one per row.

-- Recounts the given fingerprints: how many lines share each one and how many of those
-- lines' pairs were marked "Not a duplicate" (a pair counts only while both lines exist).
-- A fingerprint of fewer than two lines has no group. Setting the recounted values (not
-- adding deltas) means any later write of a fingerprint also repairs its group.
CREATE FUNCTION refresh_duplicate_groups(accounts uuid[], dates date[], amounts numeric[], currencies text[]) RETURNS void
LANGUAGE sql AS $$
  WITH counted AS MATERIALIZED (
    SELECT f.bank_account_id, f.booking_date, f.amount, f.currency, l.line_count, l.ids
    FROM unnest(accounts, dates, amounts, currencies) AS f(bank_account_id, booking_date, amount, currency)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS line_count, array_agg(t.id) AS ids FROM transactions t
      WHERE t.bank_account_id = f.bank_account_id AND t.booking_date = f.booking_date
        AND t.amount = f.amount AND t.currency = f.currency
    ) l
  ),
  gone AS (
    DELETE FROM duplicate_groups g USING counted c
    WHERE c.line_count < 2 AND g.bank_account_id = c.bank_account_id AND g.booking_date = c.booking_date
      AND g.amount = c.amount AND g.currency = c.currency
  )
  INSERT INTO duplicate_groups AS g (bank_account_id, booking_date, amount, currency, line_count, dismissed_pairs)
  SELECT c.bank_account_id, c.booking_date, c.amount, c.currency, c.line_count, (
      SELECT count(*)::int FROM not_duplicate_pairs n
      WHERE n.low_transaction_id = ANY (c.ids) AND n.high_transaction_id = ANY (c.ids))
  FROM counted c
  WHERE c.line_count >= 2
  -- One order for every writer, so two writers of the same groups wait instead of deadlocking.
  ORDER BY c.bank_account_id, c.booking_date, c.amount, c.currency
  ON CONFLICT (bank_account_id, booking_date, amount, currency) DO UPDATE
    SET line_count = excluded.line_count, dismissed_pairs = excluded.dismissed_pairs
    WHERE (g.line_count, g.dismissed_pairs) IS DISTINCT FROM (excluded.line_count, excluded.dismissed_pairs)
$$;
--> statement-breakpoint
-- New lines: a fingerprint they bring is a group when two or more lines now have it (a single
-- new line may join an older one). One count through transactions_fingerprint_idx per
-- fingerprint finds those; only they are recounted in full. A fingerprint with one line
-- had no group before and needs none.
CREATE FUNCTION duplicate_groups_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_duplicate_groups(array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency))
  FROM (SELECT DISTINCT bank_account_id, booking_date, amount, currency FROM new_rows) f
  WHERE (
    SELECT count(*) FROM transactions t
    WHERE t.bank_account_id = f.bank_account_id AND t.booking_date = f.booking_date AND t.amount = f.amount AND t.currency = f.currency
  ) > 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Deleted lines: only fingerprints that had a group can change (one that had a single line
-- has none left), so the rest costs one lookup in the small groups table.
CREATE FUNCTION duplicate_groups_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_duplicate_groups(array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency))
  FROM (SELECT DISTINCT bank_account_id, booking_date, amount, currency FROM old_rows) f
  WHERE EXISTS (
    SELECT 1 FROM duplicate_groups g
    WHERE g.bank_account_id = f.bank_account_id AND g.booking_date = f.booking_date AND g.amount = f.amount AND g.currency = f.currency);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Changed lines (a provider's correction): the old and the new fingerprint of each line whose
-- fingerprint changed. Other updates (reconciling, the possible-duplicate flag) change none.
CREATE FUNCTION duplicate_groups_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Set differences, not a join of the two transition tables: an update of many lines
  -- (the import's unflagging, a reconciliation) stays one pass over each.
  PERFORM refresh_duplicate_groups(array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency))
  FROM (
    SELECT o.bank_account_id, o.booking_date, o.amount, o.currency FROM (
      SELECT id, bank_account_id, booking_date, amount, currency FROM old_rows
      EXCEPT SELECT id, bank_account_id, booking_date, amount, currency FROM new_rows) o
    UNION
    SELECT n.bank_account_id, n.booking_date, n.amount, n.currency FROM (
      SELECT id, bank_account_id, booking_date, amount, currency FROM new_rows
      EXCEPT SELECT id, bank_account_id, booking_date, amount, currency FROM old_rows) n
  ) f;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- "Not a duplicate" (and pairs that go with a deleted line): the fingerprint of each pair's
-- first line; a pair of lines with different fingerprints never counts.
CREATE FUNCTION duplicate_groups_after_pairs_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_duplicate_groups(array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency))
    FROM (SELECT DISTINCT t.bank_account_id, t.booking_date, t.amount, t.currency FROM new_pairs p JOIN transactions t ON t.id = p.low_transaction_id) f;
  ELSE
    PERFORM refresh_duplicate_groups(array_agg(f.bank_account_id), array_agg(f.booking_date), array_agg(f.amount), array_agg(f.currency))
    FROM (SELECT DISTINCT t.bank_account_id, t.booking_date, t.amount, t.currency FROM old_pairs p JOIN transactions t ON t.id = p.low_transaction_id) f;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER duplicate_groups_insert AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duplicate_groups_after_insert();
--> statement-breakpoint
CREATE TRIGGER duplicate_groups_delete AFTER DELETE ON transactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION duplicate_groups_after_delete();
--> statement-breakpoint
CREATE TRIGGER duplicate_groups_update AFTER UPDATE ON transactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duplicate_groups_after_update();
--> statement-breakpoint
CREATE TRIGGER duplicate_groups_pairs_insert AFTER INSERT ON not_duplicate_pairs
  REFERENCING NEW TABLE AS new_pairs FOR EACH STATEMENT EXECUTE FUNCTION duplicate_groups_after_pairs_change();
--> statement-breakpoint
CREATE TRIGGER duplicate_groups_pairs_delete AFTER DELETE ON not_duplicate_pairs
  REFERENCING OLD TABLE AS old_pairs FOR EACH STATEMENT EXECUTE FUNCTION duplicate_groups_after_pairs_change();
--> statement-breakpoint
-- The groups of the lines already stored.
INSERT INTO duplicate_groups (bank_account_id, booking_date, amount, currency, line_count, dismissed_pairs)
SELECT t.bank_account_id, t.booking_date, t.amount, t.currency, count(*)::int, 0
FROM transactions t
GROUP BY t.bank_account_id, t.booking_date, t.amount, t.currency
HAVING count(*) > 1;
--> statement-breakpoint
UPDATE duplicate_groups g SET dismissed_pairs = d.pairs
FROM (
  SELECT a.bank_account_id, a.booking_date, a.amount, a.currency, count(*)::int AS pairs
  FROM not_duplicate_pairs n
  JOIN transactions a ON a.id = n.low_transaction_id
  JOIN transactions b ON b.id = n.high_transaction_id
    AND b.bank_account_id = a.bank_account_id AND b.booking_date = a.booking_date AND b.amount = a.amount AND b.currency = a.currency
  GROUP BY 1, 2, 3, 4
) d
WHERE g.bank_account_id = d.bank_account_id AND g.booking_date = d.booking_date AND g.amount = d.amount AND g.currency = d.currency;
