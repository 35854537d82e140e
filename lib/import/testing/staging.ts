/** Service-test helpers: an account to import into, and a file staged (and committed) as the upload route does. */
import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { englishText } from "@/lib/i18n/stored-message";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { commitImport } from "../commit";
import type { CsvMapping } from "../csv-mapping";
import { stageStatementFile } from "../stage";

export type Actor = { companyId: string; userId: string };

export async function* bytesOf(buffer: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

export async function importTarget(account: { accountNumber: string; currency: string }) {
  const { company, user } = await createCompanyWithUser(db, { role: "user" });
  const bankAccount = await createManualBankAccount(db, company.id, account);
  return { actor: { companyId: company.id, userId: user.id } as Actor, account: bankAccount };
}

export type StageOptions = { fileName?: string; csvMapping?: Partial<CsvMapping>; statementTimeoutMs?: number };

export function stageFile(actor: Actor, bankAccountId: string, file: Buffer | string, options: StageOptions = {}) {
  return stageStatementFile(db, actor, {
    bankAccountId,
    importId: randomUUID(),
    fileName: options.fileName ?? "statement",
    csvMapping: options.csvMapping ?? null,
    body: bytesOf(typeof file === "string" ? Buffer.from(file) : file),
    statementTimeoutMs: options.statementTimeoutMs,
  });
}

export async function stageAndCommitFile(actor: Actor, bankAccountId: string, file: Buffer | string, options: StageOptions = {}) {
  const staged = await stageFile(actor, bankAccountId, file, options);
  if (!staged.ok) throw new Error(englishText(staged.error));
  return { preview: staged.preview, committed: await commitImport(db, actor, staged.importId) };
}
