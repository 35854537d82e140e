/**
 * The one function that writes transactions (DESIGN.md: every write to `transactions`
 * goes through here). Rows are inserted in batches; the unique (account, online id) index
 * makes a re-run insert nothing, lines a user deleted stay deleted (transaction_deletions),
 * and lines that share date, amount and currency with another line of the account are
 * stored but flagged as possible duplicates.
 *
 * Exactly once under the sync's overlapping windows (./window.ts): a line the bank sends
 * without an id arrives with the id its adapter built from the line's fingerprint and its
 * occurrence among identical lines of the read (GoCardless `gch_…#n`, Enable Banking
 * `fp:…:n`). A window covers whole days and the fingerprint holds the date, so every read
 * counts a day's identical lines alike: two real coffees stay two, a re-read adds none, and
 * the index alone decides, even between concurrent writers. A null id (a line typed by hand
 * or restored) is taken as a new line: only a whole read of the bank can say which
 * occurrence a line is.
 *
 * Each batch goes into `transactions` by COPY, after index reads of which of its online
 * ids (or, for lines without one, contents) the account already has or deleted and which
 * of its fingerprints it has (the per-account lock keeps those reads true until the COPY).
 * A new line that repeats another's date, amount and currency goes in flagged as a
 * possible duplicate; the earlier line of such a pair is flagged by the database's own
 * insert trigger, which keeps the duplicate groups (migrations 0021, 0023, 0027). An account
 * that held nothing when its writer took the lock (a first sync, a first file) needs no
 * reads at all: the writer itself knows every line the account has, and each write goes in
 * as one COPY whose rows are built while PostgreSQL checks the ones before. `npm run bench` times
 * this path beside the staged INSERT … SELECT … ON CONFLICT it replaced
 * (scripts/lib/bench-ingest-staged.ts), in the same run.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { copyField, copyText } from "@/db/copy-in";
import { normalizeDecimal } from "@/lib/money";
import { accountIsEmpty, contentKey, fingerprintsOnAccount, linesToSkip, newLinesFlaggedByWriter } from "./ingest-probes";

export type IngestLine = {
  onlineTransactionId: string | null;
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  currency: string;
  description: string;
  partnerName: string | null;
  partnerAccount: string | null;
  reference: string | null;
};

export type IngestResult = { inserted: number; skipped: number; possibleDuplicates: number };

export const BATCH_SIZE = 5_000;

/**
 * The columns the ingest copies into `transactions`, in the order of its rows in COPY (see
 * rowsOf): the line's own, then the writer's (source, run, file) where they differ
 * from the column's default (PostgreSQL then reads nothing for them, not even the source's
 * enum label on every line), and last the possible-duplicate flag.
 */
const LINE_COLUMNS = ["bank_account_id", "online_transaction_id", "booking_date", "value_date", "amount", "currency", "description",
  "partner_name", "partner_account", "reference"];

/** The writer's columns that differ from their defaults ("sync", no run, no file), with their COPY text. */
function writerColumns(target: IngestTarget): { columns: string[]; text: string } {
  const values: [string, string | null][] = [
    ["source", target.source === "sync" ? null : target.source],
    ["sync_run_id", target.syncRunId],
    ["statement_import_id", target.statementImportId ?? null],
  ];
  const set = values.filter(([, value]) => value !== null) as [string, string][];
  return { columns: set.map(([column]) => column), text: set.map(([, value]) => `\t${copyField(value)}`).join("") };
}

type IngestTarget = {
  bankAccountId: string;
  source: "sync" | "file" | "manual";
  syncRunId: string | null;
  /** The statement file import the lines come from (source "file"). */
  statementImportId?: string | null;
};

/** Writes the lines on the account (see the top of this file). */
export async function ingestTransactions(tx: Tx, input: IngestTarget & { lines: IngestLine[] }): Promise<IngestResult> {
  if (input.lines.length === 0) return { inserted: 0, skipped: 0, possibleDuplicates: 0 };
  return (await AccountIngest.open(tx, input)).write(input.lines);
}

/**
 * How many lines a writer that found its account empty remembers itself (their ids and
 * fingerprints) before it asks the database like any other writer: a first sync of a long
 * history stays within a bounded memory.
 */
const REMEMBERED_LINES = 250_000;

/** The account's lines this writer put there, while they are all the account has. */
type Written = { ids: Set<string>; fingerprints: Set<string> };

/**
 * One writer of an account's lines until its transaction ends: it holds the account's
 * ingest lock, and when it found the account empty it knows every line there without
 * reading them back. A sync hands it the pages of its window one batch after another.
 */
export class AccountIngest {
  private constructor(
    private readonly tx: Tx,
    private readonly target: IngestTarget,
    private written: Written | null,
    private readonly rememberedLines: number,
  ) {
    const writer = writerColumns(target);
    this.columns = [...LINE_COLUMNS, ...writer.columns, "possible_duplicate"];
    this.writerText = writer.text;
  }

  /** The columns of this writer's COPY, and the text of its own columns in each row. */
  private readonly columns: string[];
  private readonly writerText: string;

  static async open(tx: Tx, target: IngestTarget, options: { rememberedLines?: number } = {}): Promise<AccountIngest> {
    await lockAccountForIngest(tx, target.bankAccountId);
    const empty = await accountIsEmpty(tx, target.bankAccountId);
    return new AccountIngest(tx, target, empty ? { ids: new Set(), fingerprints: new Set() } : null, options.rememberedLines ?? REMEMBERED_LINES);
  }

  async write(lines: IngestLine[]): Promise<IngestResult> {
    const result: IngestResult = { inserted: 0, skipped: 0, possibleDuplicates: 0 };
    if (lines.length === 0) return result;
    const flaggedBefore = await newLinesFlaggedByWriter(this.tx, true);
    const rest = this.written ? await this.copyKnown(lines, result) : lines;
    for (let start = 0; start < rest.length; start += BATCH_SIZE) {
      const batch = rest.slice(start, start + BATCH_SIZE);
      const skip = await linesToSkip(this.tx, this.target.bankAccountId, batch);
      const { rows, firstRow } = this.rowsOf(batch, skip);
      if (rows.texts.length > 0) {
        markRepeats(rows, firstRow, await fingerprintsOnAccount(this.tx, this.target.bankAccountId, [...firstRow.keys()]));
        await copyText(this.tx, "transactions", this.columns, copyChunks(rows));
      }
      count(result, batch, rows);
    }
    result.possibleDuplicates += (await newLinesFlaggedByWriter(this.tx, false)) - flaggedBefore;
    return result;
  }

  /**
   * Copies lines into an account this writer knows (it found it empty) in one COPY, each
   * chunk's rows built only when the stream asks for them: PostgreSQL checks one chunk
   * while the next is prepared, and nothing waits for a statement to end in between.
   * Returns the lines left once the writer has more lines than it remembers: those go the
   * way of any other writer's.
   */
  private async copyKnown(lines: IngestLine[], result: IngestResult): Promise<IngestLine[]> {
    let next = 0;
    const chunks = function* (this: AccountIngest): Generator<string> {
      while (next < lines.length && this.written) {
        const written: Written = this.written;
        const batch = lines.slice(next, next + CHUNK_ROWS);
        next += batch.length;
        const { rows, firstRow } = this.rowsOf(batch, null);
        markRepeats(rows, firstRow, written.fingerprints);
        for (const key of firstRow.keys()) written.fingerprints.add(key);
        // Past the bound the database is asked, like for any account that held lines.
        // Lines without an online id add fingerprints only: either set counts.
        if (Math.max(written.ids.size, written.fingerprints.size) > this.rememberedLines) this.written = null;
        count(result, batch, rows);
        if (rows.texts.length > 0) yield* copyChunks(rows);
      }
    }.call(this);
    await copyText(this.tx, "transactions", this.columns, chunks);
    return lines.slice(next);
  }

  /**
   * The rows to COPY for the lines of one batch that the account does not have and that
   * were not deleted, in the batch's order (ids follow the provider's order), flagged where
   * they repeat each other; `firstRow` holds each fingerprint's first row, for markRepeats.
   * The lock (below) keeps any other writer out until this transaction ends, so what was
   * read stays true until the COPY, and the unique index still refuses a line stored twice
   * by a writer that bypassed it. `skip` is what the database said, or null when this
   * writer knows the account.
   */
  private rowsOf(batch: IngestLine[], skip: Awaited<ReturnType<typeof linesToSkip>> | null): { rows: PreparedRows; firstRow: Map<string, number> } {
    const copied = this.written ? this.written.ids : new Set<string>();
    const texts: string[] = [];
    const flagged = new Uint8Array(batch.length);
    // The columns every row of this writer shares, around the line's own.
    const before = `${copyField(this.target.bankAccountId)}\t`;
    const after = `${this.writerText}\t`;
    // Each fingerprint's first row in the batch: a later row with it flags both.
    const firstRow = new Map<string, number>();
    for (const line of batch) {
      const amount = normalizeDecimal(line.amount, 4);
      const currency = line.currency.toUpperCase();
      const description = line.description ?? "";
      const id = line.onlineTransactionId;
      if (id !== null) {
        // A provider that repeats a line in one read sends it once more, not a second line.
        if (skip?.ids.has(id) || copied.has(id)) continue;
        copied.add(id);
      } else if (skip?.deletedContent.has(contentKey(line.bookingDate, amount, currency, description))) {
        continue;
      }
      const index = texts.length;
      texts.push(before + copyField(id) + "\t" + copyField(line.bookingDate) + "\t" + copyField(line.valueDate) + "\t" + amount + "\t"
        + copyField(currency) + "\t" + copyField(description) + "\t" + copyField(line.partnerName) + "\t" + copyField(line.partnerAccount)
        + "\t" + copyField(line.reference) + after);
      const key = `${line.bookingDate}|${amount}|${currency}`;
      const first = firstRow.get(key);
      if (first === undefined) {
        firstRow.set(key, index);
      } else {
        flagged[first] = 1;
        flagged[index] = 1;
      }
    }
    return { rows: { texts, flagged: flagged.subarray(0, texts.length) }, firstRow };
  }
}

/**
 * New lines that repeat a line already on the account go in flagged: the trigger then
 * recounts only their fingerprints and flags the earlier line of a pair, instead of probing
 * every new line's and rewriting every line of a file full of repeats.
 */
function markRepeats(rows: PreparedRows, firstRow: Map<string, number>, onAccount: Set<string>): void {
  for (const [key, index] of firstRow) if (onAccount.has(key)) rows.flagged[index] = 1;
}

function count(result: IngestResult, batch: IngestLine[], rows: PreparedRows): void {
  result.inserted += rows.texts.length;
  result.skipped += batch.length - rows.texts.length;
  result.possibleDuplicates += rows.flagged.reduce((sum, flag) => sum + flag, 0);
}

/** Rows per chunk of a known account's one COPY: small enough to keep both processes busy. */
const CHUNK_ROWS = 1_000;

/** A batch's rows in COPY's text format, all but the last column, and that column: the possible-duplicate flag. */
type PreparedRows = { texts: string[]; flagged: Uint8Array };

/** The rows with their flags, in chunks of 1,000: one string per chunk keeps the stream's overhead low. */
function* copyChunks({ texts, flagged }: PreparedRows): Generator<string> {
  for (let start = 0; start < texts.length; start += CHUNK_ROWS) {
    let chunk = "";
    for (let i = start; i < Math.min(texts.length, start + CHUNK_ROWS); i++) chunk += texts[i] + (flagged[i] ? "t\n" : "f\n");
    yield chunk;
  }
}

/**
 * Writers of one account take turns, until the end of their transaction. The unique index
 * alone keeps a line from being stored twice, but two writers inserting overlapping lines
 * in different orders each wait for the other's uncommitted line: PostgreSQL breaks that
 * deadlock by failing one of them, and its lines would be lost with its run. Taking turns
 * also lets each writer's duplicate probe see the other's lines.
 */
async function lockAccountForIngest(tx: Tx, bankAccountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ingest:${bankAccountId}`}, 0))`);
}
