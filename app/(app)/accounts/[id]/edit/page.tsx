import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { loadAccountDetails } from "@/lib/bank-accounts/account-details";
import { AccountDetailsForm } from "./account-details-form";

export const metadata: Metadata = { title: "Edit account" };

export default async function EditAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const membership = await requireMembership();
  const { id } = await params;
  const account = await loadAccountDetails(db, membership.companyId, id);
  if (!account) notFound();
  return (
    <div className="max-w-lg">
      <Link href={`/accounts/${account.id}`} className="text-sm text-slate-600 hover:text-brand-700">← {account.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">Edit account</h1>
      <AccountDetailsForm account={account} currencyLocked={account.hasLines} />
    </div>
  );
}
