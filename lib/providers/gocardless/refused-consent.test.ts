/**
 * A consent the user refuses at the bank, or never finishes, through the app's services
 * against the GoCardless contract mock: the requisition and its agreement are deleted at
 * GoCardless, the half-made connection shows "Consent refused" with automatic
 * synchronization off, and Connect again on it starts a new consent instead of dead-ending.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, connectionEvents, institutions } from "@/db/schema";
import { closeAbandonedConsents } from "@/lib/connections/abandoned-consents";
import { completeConnect, startConnect, type ConnectDeps } from "@/lib/connections/connect";
import { startUpdateCredentials } from "@/lib/connections/update-credentials";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { selectAllAccounts } from "@/lib/testing/connect-flow";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { goCardlessConfig } from "./config";
import { createGoCardlessProvider } from "./gocardless-provider";
import { MOCK_SECRET_ID, MOCK_SECRET_KEY, serveGoCardlessMock, type GoCardlessMock } from "./testing/mock-server";
import { englishText } from "@/lib/i18n/stored-message";

const clock = { now: new Date("2025-06-15T10:00:00.000Z") };
let mock: GoCardlessMock;
let deps: ConnectDeps;
const CALLBACK = "http://app.test/connect/callback";

beforeEach(async () => {
  clock.now = new Date("2025-06-15T10:00:00.000Z");
  mock = await serveGoCardlessMock({ now: () => clock.now });
  const provider = createGoCardlessProvider(
    { ...goCardlessConfig({}), baseUrl: mock.baseUrl, secretId: MOCK_SECRET_ID, secretKey: MOCK_SECRET_KEY, timeoutMs: 5_000 },
    fetch,
    () => clock.now,
  );
  deps = { db, provider: () => provider, now: () => clock.now };
  await refreshInstitutions(db, provider, clock.now);
});

afterEach(async () => {
  await mock.close();
});

async function startMockBank() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  const [bank] = await db.select().from(institutions).where(and(eq(institutions.provider, "gocardless"), eq(institutions.name, "Mock Bank"), eq(institutions.country, "DE")));
  const started = await startConnect(deps, actor, { institutionId: bank!.id, consent: true, callbackUrl: CALLBACK });
  if (!started.ok) throw new Error(englishText(started.error));
  return { actor, started };
}

const connectionRow = async (id: string) => (await db.select().from(bankConnections).where(eq(bankConnections.id, id)))[0]!;
const log = async (id: string) => (await db.select({ message: connectionEvents.message }).from(connectionEvents).where(eq(connectionEvents.connectionId, id))).map((e) => e.message);

describe("a consent refused or abandoned at the bank", () => {
  it("deletes the requisition and its agreement at GoCardless, shows Consent refused with automatic sync off, and connects again from there", async () => {
    const { actor, started } = await startMockBank();
    expect(mock.requisitions.size).toBe(1);
    expect((await connectionRow(started.connectionId)).autoSync).toBe(false);

    const denied = await completeConnect(deps, actor, (await mock.consent(started.redirectUrl, "reject")).searchParams);
    expect(denied).toMatchObject({ ok: false, connectionId: started.connectionId });
    expect(mock.requisitions.size).toBe(0);
    expect(mock.agreements.size).toBe(0);
    expect(await connectionRow(started.connectionId)).toMatchObject({ state: "refused", autoSync: false, lastErrorCode: "consent_refused", pendingConsentRefEncrypted: null });
    expect(await log(started.connectionId)).toContain("The consent request at Mock Bank was revoked, since the consent was not given.");

    // Connect again (the Reconnect / Update Credentials button of such a connection): a new consent on the same row.
    const again = await startUpdateCredentials(deps, actor, { connectionId: started.connectionId, callbackUrl: CALLBACK, reason: "reconnect" });
    if (!again.ok) throw new Error(englishText(again.error));
    expect((await connectionRow(started.connectionId)).state).toBe("pending");
    const completed = await completeConnect(deps, actor, (await mock.consent(again.redirectUrl)).searchParams);
    expect(completed).toEqual({ ok: true, connectionId: started.connectionId });
    expect((await selectAllAccounts(deps, actor, started.connectionId)).status).toBe("succeeded");
    expect(await connectionRow(started.connectionId)).toMatchObject({ state: "active", autoSync: true });
    // The linked requisition is the connection's; nothing else is left at GoCardless.
    expect([...mock.requisitions.values()].map((r) => r.status)).toEqual(["LN"]);
  });

  it("deletes a cancelled consent's requisition too", async () => {
    const { actor, started } = await startMockBank();
    const cancelled = await completeConnect(deps, actor, (await mock.consent(started.redirectUrl, "cancel")).searchParams);
    expect(cancelled.ok).toBe(false);
    expect(mock.requisitions.size).toBe(0);
    expect(await connectionRow(started.connectionId)).toMatchObject({ state: "refused", autoSync: false });
  });

  it("closes a consent nobody came back from once its link has expired, at GoCardless and here", async () => {
    const { actor, started } = await startMockBank();
    expect(await closeAbandonedConsents(deps, actor)).toBe(0);
    expect(mock.requisitions.size).toBe(1);

    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    // Starting another connection sweeps the company's abandoned ones first.
    const [austrian] = await db.select().from(institutions).where(and(eq(institutions.provider, "gocardless"), eq(institutions.name, "Mock Bank"), eq(institutions.country, "AT")));
    const other = await startConnect(deps, actor, { institutionId: austrian!.id, consent: true, callbackUrl: CALLBACK });
    if (!other.ok) throw new Error(englishText(other.error));
    expect(await connectionRow(started.connectionId)).toMatchObject({
      state: "refused", autoSync: false, lastErrorCode: "consent_abandoned", linkStateHash: null, pendingConsentRefEncrypted: null,
    });
    // Only the new attempt's requisition remains.
    expect(mock.requisitions.size).toBe(1);
    expect(await connectionRow(other.connectionId)).toMatchObject({ state: "pending" });
    // The bank's page of the old link is gone with its requisition.
    await expect(mock.consent(started.redirectUrl)).rejects.toThrow("answered 404");
  });

  it("is closed by the background sweep of every company too, with nobody starting another connection", async () => {
    const { started } = await startMockBank();
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    // What the built-in scheduler's housekeeping runs: no company, no user.
    expect(await closeAbandonedConsents(deps, { userId: null })).toBe(1);
    expect(mock.requisitions.size).toBe(0);
    expect(await connectionRow(started.connectionId)).toMatchObject({ state: "refused", autoSync: false, lastErrorCode: "consent_abandoned" });
    expect(await closeAbandonedConsents(deps, { userId: null })).toBe(0);
  });

  it("keeps a reconnect left unfinished on its previous consent, and deletes only the new request", async () => {
    const { actor, started } = await startMockBank();
    await completeConnect(deps, actor, (await mock.consent(started.redirectUrl)).searchParams);
    await selectAllAccounts(deps, actor, started.connectionId);
    const reconnect = await startUpdateCredentials(deps, actor, { connectionId: started.connectionId, callbackUrl: CALLBACK, reason: "reconnect" });
    expect(reconnect.ok).toBe(true);
    expect(mock.requisitions.size).toBe(2);
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    expect(await closeAbandonedConsents(deps, actor)).toBe(1);
    expect([...mock.requisitions.values()].map((r) => r.status)).toEqual(["LN"]);
    expect(await connectionRow(started.connectionId)).toMatchObject({ state: "active", autoSync: true });
  });
});
