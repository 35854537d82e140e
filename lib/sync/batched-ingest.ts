/**
 * The one batching layer between a provider's pages and the ingest: lines are handed on
 * in the ingest's own batch size, and a batch is written while the next pages are fetched
 * and prepared, so the provider and PostgreSQL work at the same time with at most two
 * batches in memory, whatever the history's length. Every batch goes through one writer
 * (AccountIngest), so a first sync into an empty account reads nothing back between batches.
 */
import type { Tx } from "@/db/client";
import { AccountIngest, BATCH_SIZE, type IngestLine, type IngestResult } from "./ingest";

export class BatchedIngest {
  private buffer: IngestLine[] = [];
  // The writes run one after the other; a failed one is thrown at the next flush.
  private writing: Promise<void> = Promise.resolve();
  private writer: AccountIngest | null = null;
  readonly counts: IngestResult = { inserted: 0, skipped: 0, possibleDuplicates: 0 };

  constructor(private readonly tx: Tx, private readonly target: { bankAccountId: string; syncRunId: string }) {}

  async add(lines: IngestLine[]): Promise<void> {
    this.buffer.push(...lines);
    if (this.buffer.length >= BATCH_SIZE) await this.flush();
  }

  /** Writes what is left and waits for the last batch's write. */
  async finish(): Promise<IngestResult> {
    await this.flush();
    await this.writing;
    return this.counts;
  }

  private async flush(): Promise<void> {
    await this.writing;
    if (this.buffer.length === 0) return;
    const lines = this.buffer;
    this.buffer = [];
    this.writing = this.write(lines).then((result) => {
      this.counts.inserted += result.inserted;
      this.counts.skipped += result.skipped;
      this.counts.possibleDuplicates += result.possibleDuplicates;
    });
    this.writing.catch(() => {});
  }

  private async write(lines: IngestLine[]): Promise<IngestResult> {
    this.writer ??= await AccountIngest.open(this.tx, { bankAccountId: this.target.bankAccountId, source: "sync", syncRunId: this.target.syncRunId });
    return this.writer.write(lines);
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
