import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/db/client";
import { StartingDateForm } from "@/components/starting-date-form";
import { requireMembership } from "@/lib/auth/membership";
import { toIsoDate } from "@/lib/dates";
import { findDuplicateGroups, MAX_LINES } from "@/lib/duplicates/find";
import { loadEditableAccount } from "@/lib/transactions/editable-account";
import { resolveStartingDate } from "@/lib/transactions/starting-date";
import { DuplicateGroups } from "./duplicate-groups";

export const metadata: Metadata = { title: "Find Duplicate Transactions" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function FindDuplicatesPage({ params, searchParams }: Props) {
  const membership = await requireMembership();
  const { id } = await params;
  const account = await loadEditableAccount(db, membership.companyId, id);
  if (!account) notFound();
  const { from } = await searchParams;
  const starting = resolveStartingDate({ requested: typeof from === "string" ? from : null, today: toIsoDate(new Date()), lockDate: account.lockDate });
  const search = await findDuplicateGroups(db, { companyId: membership.companyId, bankAccountId: account.id, startingDate: starting.date });
  const base = `/accounts/${account.id}`;

  return (
    <div>
      <Link href={base} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">Find Duplicate Transactions</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Transactions of {account.name} from the Starting Date that share the same online transaction id, or the same
        currency, amount, account number and date, and posted lines of pending ones beside lines of the same amount a few
        days apart. Reconciled transactions cannot be deleted. A group marked &ldquo;Not a duplicate&rdquo; is not listed again.
      </p>
      <StartingDateForm action={`${base}/duplicates`} date={starting.date} lockDate={account.lockDate} movedByLockDate={starting.movedByLockDate} submitLabel="Search" />
      {search.truncated && (
        <p role="status" className="mt-4 text-sm text-amber-700">
          Only the newest {MAX_LINES} matching transactions are listed. Delete the duplicates among them, or choose a later Starting Date, then search again.
        </p>
      )}
      {search.groups.length > 0 ? (
        <DuplicateGroups bankAccountId={account.id} groups={search.groups} />
      ) : (
        <section className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-medium">No duplicate transactions</h2>
          <p className="mt-2 text-sm text-slate-600">No two transactions from {starting.date} share an online id, or a date, amount and currency.</p>
        </section>
      )}
    </div>
  );
}
