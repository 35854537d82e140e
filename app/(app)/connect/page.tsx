import type { Metadata } from "next";
import { and, eq } from "drizzle-orm";
import { CopyForSupport } from "@/components/copy-for-support";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { requireMembership } from "@/lib/auth/membership";
import { ensureInstitutions } from "@/lib/institutions/directory";
import { listCountries } from "@/lib/institutions/search";
import { listEnabledProviders } from "@/lib/providers";
import { ConnectBank } from "./connect-bank";

export const metadata: Metadata = { title: "Connect bank" };

const STATE_ERROR = "This link has already been used or is not valid. Start the connection again.";

type Failure = { message: string; errorReference: string | null; clientId: string | null };

async function failure(companyId: string, failed: string | undefined): Promise<Failure | null> {
  if (!failed) return null;
  const invalid = { message: STATE_ERROR, errorReference: null, clientId: null };
  if (!/^[0-9a-f-]{36}$/i.test(failed)) return invalid;
  const [row] = await db
    .select({ message: bankConnections.lastErrorMessage, errorReference: bankConnections.lastErrorReference, clientId: bankConnections.clientId })
    .from(bankConnections)
    .where(and(eq(bankConnections.id, failed), eq(bankConnections.companyId, companyId)));
  return row?.message ? { message: row.message, errorReference: row.errorReference, clientId: row.clientId } : invalid;
}

export default async function ConnectPage({ searchParams }: { searchParams: Promise<{ failed?: string }> }) {
  const membership = await requireMembership();
  const { failed } = await searchParams;
  await ensureInstitutions(db, listEnabledProviders());
  const [countries, error] = await Promise.all([listCountries(db), failure(membership.companyId, failed)]);
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">Connect bank</h1>
      <p className="mt-1 text-sm text-slate-600">
        Find your bank. You give your consent on the bank&apos;s own page; your bank password never reaches us.
      </p>
      {error && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error.message}</p>}
      {error?.errorReference && error.clientId && (
        // A failed Reconnect or Update Credentials ends here too: what support needs to find it.
        <p className="mt-2 text-sm text-slate-700">
          If it keeps failing, send this to support: error reference <code>{error.errorReference}</code>, client id <code>{error.clientId}</code>{" "}
          <CopyForSupport errorReference={error.errorReference} clientId={error.clientId} message={error.message} />
        </p>
      )}
      <ConnectBank countries={countries} />
    </div>
  );
}
