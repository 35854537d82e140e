import type { Metadata } from "next";
import Link from "next/link";
import { requireMembership } from "@/lib/auth/membership";
import { ManualAccountForm } from "./manual-account-form";

export const metadata: Metadata = { title: "Add new bank" };

export default async function AddNewBankPage() {
  await requireMembership();
  return (
    <div className="max-w-lg">
      <Link href="/" className="text-sm text-slate-600 hover:text-brand-700">← Dashboard</Link>
      <h1 className="mt-2 text-2xl font-semibold">Add new bank</h1>
      <p className="mt-2 text-sm text-slate-600">
        Add a bank account by hand. It is not synchronized: import its transactions from a statement file, or
        connect it to its bank later.
      </p>
      <ManualAccountForm />
    </div>
  );
}
