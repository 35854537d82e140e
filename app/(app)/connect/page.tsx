import type { Metadata } from "next";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { requireMembership } from "@/lib/auth/membership";
import { ensureInstitutions } from "@/lib/institutions/directory";
import { listCountries } from "@/lib/institutions/search";
import { listEnabledProviders } from "@/lib/providers";
import { ConnectBank } from "./connect-bank";

export const metadata: Metadata = { title: "Connect bank" };

const STATE_ERROR = "This link has already been used or is not valid. Start the connection again.";

async function failureMessage(companyId: string, failed: string | undefined): Promise<string | null> {
  if (!failed) return null;
  if (!/^[0-9a-f-]{36}$/i.test(failed)) return STATE_ERROR;
  const [row] = await db
    .select({ message: bankConnections.lastErrorMessage })
    .from(bankConnections)
    .where(and(eq(bankConnections.id, failed), eq(bankConnections.companyId, companyId)));
  return row?.message ?? STATE_ERROR;
}

export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  const membership = await requireMembership();
  const { failed } = await searchParams;
  await ensureInstitutions(db, listEnabledProviders());
  const [countries, error] = await Promise.all([listCountries(db), failureMessage(membership.companyId, failed)]);
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Connect bank</h1>
      <p className="mt-1 text-sm text-slate-600">
        Find your bank. You give your consent on the bank&apos;s own page; your bank password never reaches us.
      </p>
      {error && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
      <ConnectBank countries={countries} />
    </div>
  );
}
