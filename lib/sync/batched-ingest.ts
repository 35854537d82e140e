/**
 * The one batching layer between a provider's pages and the ingest: PostgreSQL is never
 * left waiting for a full batch. Whenever no write is running, the lines received so far
 * (up to the ingest's batch size) are written while the next pages are fetched and
 * prepared, so the provider and PostgreSQL work at the same time; batches grow to the
 * full size on their own when the writes are the slower side. The writes run one after
 * the other in the provider's order, and a caller that gets a full batch ahead waits for
 * the running write, so at most two batches are in memory whatever the history's length.
 * The writes use the caller's transaction in the background: between the first `add` and
 * `finish` (or `stop`) the caller sends nothing else on it, since a statement sent while
 * a COPY runs would go into the COPY.
 */
import type { Tx } from "@/db/client";
import { AccountIngest, BATCH_SIZE, type IngestLine, type IngestResult } from "./ingest";

export class BatchedIngest {
  private buffer: IngestLine[] = [];
  private running: Promise<void> | null = null;
  private writer: AccountIngest | null = null;
  // A failed write stops the writing; it is thrown at the next add or at finish.
  private failure: { error: unknown } | null = null;
  readonly counts: IngestResult = { inserted: 0, skipped: 0, possibleDuplicates: 0 };

  constructor(private readonly tx: Tx, private readonly target: { bankAccountId: string; syncRunId: string }) {}

  async add(lines: IngestLine[]): Promise<void> {
    this.throwFailure();
    for (const line of lines) this.buffer.push(line);
    this.startWrite();
    while (this.buffer.length >= BATCH_SIZE && this.running) {
      await this.running;
      this.throwFailure();
    }
  }

  /** Writes what is left and waits for the last write. */
  async finish(): Promise<IngestResult> {
    this.startWrite();
    while (this.running) await this.running;
    this.throwFailure();
    return this.counts;
  }

  /**
   * After the read failed: starts no further write and waits for the running one, whatever
   * its outcome, so that no statement of a write is sent after the read's transaction ended.
   */
  async stop(reason: unknown): Promise<void> {
    this.failure ??= { error: reason };
    while (this.running) await this.running;
  }

  private startWrite(): void {
    if (this.running || this.failure || this.buffer.length === 0) return;
    const lines = this.buffer.splice(0, BATCH_SIZE);
    this.running = this.write(lines).then(
      (result) => {
        this.counts.inserted += result.inserted;
        this.counts.skipped += result.skipped;
        this.counts.possibleDuplicates += result.possibleDuplicates;
        this.running = null;
        // The lines that came in meanwhile go next, without waiting for the caller.
        this.startWrite();
      },
      (error: unknown) => {
        this.failure = { error };
        this.running = null;
      },
    );
  }

  /** Every write goes through one writer, so a first sync into an empty account reads nothing back between writes. */
  private async write(lines: IngestLine[]): Promise<IngestResult> {
    this.writer ??= await AccountIngest.open(this.tx, { bankAccountId: this.target.bankAccountId, source: "sync", syncRunId: this.target.syncRunId });
    return this.writer.write(lines);
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** Iterates `source` while already asking it for the following item. */
export async function* prefetchNext<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // Not awaited until the consumer is done with `current`; a rejection is seen then.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
