/**
 * Refused and unfinished consents are listed apart from the connections, and "Connect
 * again" starts a new consent at the same institution on the same row, for any member,
 * but never on a completed connection or another company's.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections } from "@/db/schema";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { completeSandboxConsent } from "@/lib/sandbox/consent-browser";
import { connectBank, consentAtBank, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { listConnectionAttempts } from "./attempts";
import { completeConnect, confirmAccountSelection, parseAuthorized } from "./connect";
import { startConnectAgain } from "./connect-again";
import { listCompanyConnections } from "./overview";
import { englishText } from "@/lib/i18n/stored-message";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});

async function actor() {
  const { company, user } = await createCompanyWithUser(db);
  return { companyId: company.id, userId: user.id };
}

const CALLBACK = "http://app.test/connect/callback";

describe("connection attempts", () => {
  it("lists a refused consent apart, with automatic synchronization off, and Connect again completes it on the same row", async () => {
    const who = await actor();
    const { result } = await consentAtBank(world, who, "Demo Bank", { refuseAt: "accounts" });
    expect(result.ok).toBe(false);
    const attempts = await listConnectionAttempts(db, who.companyId, { now: world.clock.now });
    expect(attempts).toEqual([expect.objectContaining({ institution: "Demo Bank", provider: "sandbox", state: "refused" })]);
    const attemptId = attempts[0]!.id;
    expect(await listCompanyConnections(db, who.companyId, { now: world.clock.now })).toEqual([]);
    const [row] = await db.select({ autoSync: bankConnections.autoSync }).from(bankConnections).where(eq(bankConnections.id, attemptId));
    expect(row!.autoSync).toBe(false);
    // Another company sees nothing of it, and cannot start it again.
    const stranger = await actor();
    expect(await listConnectionAttempts(db, stranger.companyId)).toEqual([]);
    expect(await startConnectAgain(world.deps, stranger, { connectionId: attemptId, callbackUrl: CALLBACK })).toEqual({ ok: false, error: { key: "connectionMissing" } });

    const again = await startConnectAgain(world.deps, who, { connectionId: attemptId, callbackUrl: CALLBACK });
    if (!again.ok) throw new Error(englishText(again.error));
    expect(again.connectionId).toBe(attemptId);
    // While its consent is under way it is not an attempt any more.
    expect(await listConnectionAttempts(db, who.companyId, { now: world.clock.now })).toEqual([]);
    const completed = await completeConnect(world.deps, who, (await completeSandboxConsent(again.redirectUrl, {})).searchParams);
    expect(completed).toEqual({ ok: true, connectionId: attemptId });
    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, attemptId));
    const selections = parseAuthorized(connection!.authorizedAccounts).map((a) => ({ providerAccountId: a.providerAccountId, mapToBankAccountId: null }));
    expect(await confirmAccountSelection(world.deps, who, { connectionId: attemptId, selections })).toMatchObject({ ok: true });

    const [listed] = await listCompanyConnections(db, who.companyId, { now: world.clock.now });
    expect(listed).toMatchObject({ id: attemptId, state: "active", autoSync: true });
    expect(listed!.accounts.length).toBeGreaterThan(0);
    expect(await listConnectionAttempts(db, who.companyId, { now: world.clock.now })).toEqual([]);
    // A completed connection is repaired with Update Credentials or Reconnect, not from here.
    const onceMore = await startConnectAgain(world.deps, who, { connectionId: attemptId, callbackUrl: CALLBACK });
    expect(!onceMore.ok && englishText(onceMore.error)).toMatch(/was completed/);
  });

  it("leaves out of the open attempts one made moot by a later connection to the same bank, but keeps listing it for the administrator", async () => {
    const who = await actor();
    await consentAtBank(world, who, "Demo Bank MFA", { refuseAt: "accounts" });
    expect((await listConnectionAttempts(db, who.companyId, { openOnly: true, now: world.clock.now })).map((a) => a.institution)).toEqual(["Demo Bank MFA"]);
    world.clock.now = new Date(world.clock.now.getTime() + 60_000);
    await connectBank(world, "Demo Bank MFA", { ...who, username: "later-success" });
    expect(await listConnectionAttempts(db, who.companyId, { openOnly: true, now: world.clock.now })).toEqual([]);
    expect((await listConnectionAttempts(db, who.companyId, { now: world.clock.now })).map((a) => a.state)).toEqual(["refused"]);
  });
});
