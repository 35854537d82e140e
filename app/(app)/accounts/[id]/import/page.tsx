import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { maskAccountNumber } from "@/lib/bank-accounts/mask";
import { loadImportAccount } from "@/lib/import/account";
import { csvMappingSchema } from "@/lib/import/csv-mapping";
import { MAX_FILE_BYTES } from "@/lib/import/source";
import { ImportWizard } from "./import-wizard";

export const metadata: Metadata = { title: "Import file" };

export default async function ImportFilePage({ params }: { params: Promise<{ id: string }> }) {
  const membership = await requireMembership();
  const { id } = await params;
  const account = await loadImportAccount(db, membership.companyId, id);
  if (!account) notFound();
  const remembered = csvMappingSchema.safeParse(account.csvMapping);

  return (
    <div>
      <Link href={`/accounts/${account.id}`} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">Import file</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Import history older than the bank provides into {account.name} ({maskAccountNumber(account.accountNumber)}, {account.currency}) from
        an OFX/QFX, CAMT.053 or CSV statement file, up to {MAX_FILE_BYTES / 1024 / 1024} MB. You see what is new before anything is imported;
        transactions already on the account are recognised and skipped.
        {account.lockDate && <> Nothing dated on or before the lock date {account.lockDate} is imported.</>}
      </p>
      <ImportWizard bankAccountId={account.id} currency={account.currency} rememberedMapping={remembered.success ? remembered.data : null} />
    </div>
  );
}
