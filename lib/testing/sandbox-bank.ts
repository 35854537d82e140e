/**
 * Service-test helpers around the Sandbox aggregator: a Sandbox server on a local port
 * with a clock the test controls, its adapter, and a bank connected through the real
 * consent flow (start, hosted consent page, callback, account selection, first sync).
 */
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { institutions } from "@/db/schema";
import { completeConnect, confirmAccountSelection, parseAuthorized, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { createSandboxProvider } from "@/lib/providers/sandbox/sandbox-provider";
import { sandboxProviderConfig } from "@/lib/providers/sandbox/config";
import type { Provider } from "@/lib/providers/types";
import { completeSandboxConsent, type ConsentChoices } from "@/lib/sandbox/consent-browser";
import { serveSandbox, type SandboxServer } from "@/lib/sandbox/serve";
import { bankConnections } from "@/db/schema";
import { createCompanyWithUser } from "./fixtures";
import { englishText } from "@/lib/i18n/stored-message";

export type SandboxWorld = {
  server: SandboxServer;
  provider: Provider;
  clock: { now: Date };
  deps: ConnectDeps;
};

export async function startSandboxWorld(start = new Date("2026-11-25T09:00:00Z")): Promise<SandboxWorld> {
  const clock = { now: start };
  const server = await serveSandbox({ now: () => clock.now });
  const provider = createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl: server.baseUrl, timeoutMs: 5_000 });
  return { server, provider, clock, deps: { db, provider: () => provider, now: () => clock.now } };
}

export async function institutionId(world: SandboxWorld, name: string): Promise<string> {
  await refreshInstitutions(db, world.provider, world.clock.now);
  const [row] = await db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name));
  if (!row) throw new Error(`No institution named ${name}`);
  return row.id;
}

/** Runs the consent flow up to the callback; returns what the callback answered. */
export async function consentAtBank(world: SandboxWorld, actor: { companyId: string; userId: string }, bankName: string, choices: ConsentChoices = {}) {
  const started = await startConnect(world.deps, actor, {
    institutionId: await institutionId(world, bankName), consent: true, callbackUrl: "http://app.test/connect/callback",
  });
  if (!started.ok) throw new Error(englishText(started.error));
  const callback = await completeSandboxConsent(started.redirectUrl, choices);
  return { callback, result: await completeConnect(world.deps, actor, callback.searchParams) };
}

/** A company with a user, and the named bank connected with all its accounts. */
export async function connectBank(world: SandboxWorld, bankName: string, options: { companyId?: string; userId?: string; username?: string } = {}) {
  const actor = options.companyId && options.userId
    ? { companyId: options.companyId, userId: options.userId }
    : await createCompanyWithUser(db).then(({ company, user }) => ({ companyId: company.id, userId: user.id }));
  const { result } = await consentAtBank(world, actor, bankName, { username: options.username });
  if (!result.ok) throw new Error(englishText(result.error));
  const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, result.connectionId));
  const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
  const confirmed = await confirmAccountSelection(world.deps, actor, { connectionId: result.connectionId, selections });
  if (!confirmed.ok) throw new Error(englishText(confirmed.error));
  return { actor, connectionId: result.connectionId, firstSync: confirmed.outcome };
}
