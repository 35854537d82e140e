import type { Metadata } from "next";
import Link from "next/link";
import { and, eq } from "drizzle-orm";
import { CopyForSupport } from "@/components/copy-for-support";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { requireMembership } from "@/lib/auth/membership";
import { hasDeveloperAccess } from "@/lib/developer-mode/toggle";
import { ensureInstitutions } from "@/lib/institutions/directory";
import { listCountries } from "@/lib/institutions/search";
import { listEnabledProviders } from "@/lib/providers";
import { isUuid } from "@/lib/uuid";
import { ConnectBank } from "./connect-bank";

export const metadata: Metadata = { title: "Connect bank" };

const STATE_ERROR = "This link has already been used or is not valid. Start the connection again.";

type Failure = { message: string; code: string | null; errorReference: string | null; clientId: string | null };

async function failure(companyId: string, failed: string | undefined): Promise<Failure | null> {
  if (!failed) return null;
  const invalid = { message: STATE_ERROR, code: null, errorReference: null, clientId: null };
  if (!isUuid(failed)) return invalid;
  const [row] = await db
    .select({ message: bankConnections.lastErrorMessage, code: bankConnections.lastErrorCode, errorReference: bankConnections.lastErrorReference, clientId: bankConnections.clientId })
    .from(bankConnections)
    .where(and(eq(bankConnections.id, failed), eq(bankConnections.companyId, companyId)));
  return row?.message ? { message: row.message, code: row.code, errorReference: row.errorReference, clientId: row.clientId } : invalid;
}

/** The bank login is already connected: where its connection can be kept (Update Credentials) or deleted. */
function ExistingConnectionLink({ membership }: { membership: Membership }) {
  const link = "font-medium text-brand-700 hover:underline";
  if (membership.role !== "admin") {
    return <p className="mt-2 text-sm">Ask an administrator of {membership.companyName} to update or delete the existing connection in Settings → Online Synchronization.</p>;
  }
  if (hasDeveloperAccess(membership)) {
    return <p className="mt-2 text-sm"><Link href="/settings/online-synchronization" className={link}>Open Online Synchronization</Link> to find the existing connection to this bank: Update Credentials or Delete.</p>;
  }
  return <p className="mt-2 text-sm">Turn on developer mode in the user menu, then open <Link href="/settings" className={link}>Settings</Link> → Online Synchronization to update or delete the existing connection.</p>;
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
      {error?.code === "already_connected" && <ExistingConnectionLink membership={membership} />}
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
