import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankAccounts, bankConnections, connectionEvents, institutions } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { ProviderTransient } from "@/lib/providers/errors";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { connectBank, consentAtBank, institutionId, startSandboxWorld, type SandboxWorld } from "@/lib/testing/sandbox-bank";
import { completeSandboxConsent } from "@/lib/sandbox/consent-browser";
import { completeConnect, confirmAccountSelection, parseAuthorized, startConnect } from "./connect";
import { englishText, renderStoredMessage, showStored, type StoredMessage } from "@/lib/i18n/stored-message";

let world: SandboxWorld;
beforeAll(async () => {
  world = await startSandboxWorld();
});
afterAll(async () => {
  await world.server.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A result as the English reader gets it: its refusal rendered. */
function inEnglish<T extends { ok: boolean; error?: StoredMessage }>(result: T) {
  return result.error ? { ...result, error: englishText(result.error) } : result;
}

async function actor() {
  const { company, user } = await createCompanyWithUser(db);
  return { companyId: company.id, userId: user.id };
}

describe("connecting a bank", () => {
  it("refuses to start without the consent box ticked, and creates nothing", async () => {
    const who = await actor();
    const result = await startConnect(world.deps, who, { institutionId: await institutionId(world, "Demo Bank"), consent: false, callbackUrl: "http://app.test/cb" });
    expect(inEnglish(result)).toEqual({ ok: false, error: "Tick the consent box to let us retrieve this bank's data." });
    expect(await db.select().from(bankConnections)).toEqual([]);
  });

  it("refuses a bank whose provider is no longer configured, before writing anything or calling the provider", async () => {
    const who = await actor();
    const bank = await institutionId(world, "Demo Bank");
    vi.stubEnv("SANDBOX_PROVIDER", "off");
    const refusal = { ok: false, error: "Demo Bank cannot be connected through Sandbox: this provider is not configured any more. Search again for the bank." };
    const input = { institutionId: bank, consent: true, callbackUrl: "http://app.test/cb" };
    // As the Connect page calls it: the configuration decides.
    const refused = await startConnect({ db, now: world.deps.now }, who, input);
    expect(inEnglish(refused)).toEqual(refusal);
    // An Indonesian reader gets the refusal in Indonesian, names kept as they are.
    expect(!refused.ok && renderStoredMessage(refused.error, "id")).toBe(
      "Demo Bank tidak dapat dihubungkan melalui Sandbox: penyedia ini sudah tidak dikonfigurasi. Cari bank itu lagi.",
    );
    // A caller with its own adapters says which are switched off: the adapter is never asked.
    const adapter = vi.fn(world.deps.provider!);
    expect(inEnglish(await startConnect({ ...world.deps, provider: adapter, providerEnabled: (name) => name !== "sandbox" }, who, input))).toEqual(refusal);
    expect(adapter).not.toHaveBeenCalled();
    expect(await db.select().from(bankConnections)).toEqual([]);
    expect(await db.select().from(connectionEvents)).toEqual([]);
  });

  it("says the bank is down and keeps no half-made connection", async () => {
    const who = await actor();
    const result = await startConnect(world.deps, who, { institutionId: await institutionId(world, "Demo Bank Unavailable"), consent: true, callbackUrl: "http://app.test/cb" });
    expect(inEnglish(result)).toEqual({ ok: false, error: "The bank is not available at the moment. Try again later." });
    expect(await db.select().from(bankConnections)).toEqual([]);
  });

  it("logs the start of a connection, which an Indonesian reader reads in Indonesian", async () => {
    const who = await actor();
    const started = await startConnect(world.deps, who, { institutionId: await institutionId(world, "Demo Bank"), consent: true, callbackUrl: "http://app.test/cb" });
    if (!started.ok) throw new Error(englishText(started.error));
    const [line] = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, started.connectionId));
    expect(line).toMatchObject({ level: "user_action", message: "Connection to Demo Bank started; waiting for consent at the bank.", messageKey: "connections.connectStarted" });
    expect(showStored({ text: line!.message, key: line!.messageKey, params: line!.messageParams }, "id")).toBe("Koneksi ke Demo Bank dimulai; menunggu persetujuan di bank.");
  });

  it("reports invalid credentials in its own words and logs it", async () => {
    const who = await actor();
    const { result } = await consentAtBank(world, who, "Demo Bank", { password: "wrong" });
    expect(inEnglish(result)).toMatchObject({ ok: false, error: "The bank did not accept the username or password. Check them and try again." });
    const [connection] = await db.select().from(bankConnections);
    expect(connection).toMatchObject({ state: "disconnected", lastErrorCode: "invalid_credentials" });
    const events = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, connection!.id));
    expect(events.some((e) => e.level === "error" && e.errorReference?.startsWith("OBS-"))).toBe(true);
  });

  it("reports a refusal at the bank", async () => {
    const who = await actor();
    const { result } = await consentAtBank(world, who, "Demo Bank", { refuseAt: "accounts" });
    expect(inEnglish(result)).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
  });

  it("accepts a state once: a replayed or forged callback is refused", async () => {
    const who = await actor();
    const { callback, result } = await consentAtBank(world, who, "Demo Bank");
    expect(result.ok).toBe(true);
    const replay = await completeConnect(world.deps, who, callback.searchParams);
    expect(inEnglish(replay)).toEqual({ ok: false, error: "This link has already been used or is not valid. Start the connection again." });
    const forged = new URLSearchParams(callback.searchParams);
    forged.set("state", "forged-state");
    expect((await completeConnect(world.deps, who, forged)).ok).toBe(false);
  });

  it("does not let another company complete someone else's consent", async () => {
    const who = await actor();
    const started = await startConnect(world.deps, who, { institutionId: await institutionId(world, "Demo Bank"), consent: true, callbackUrl: "http://app.test/cb" });
    if (!started.ok) throw new Error(englishText(started.error));
    const callback = await completeSandboxConsent(started.redirectUrl);
    const intruder = await actor();
    expect((await completeConnect(world.deps, intruder, callback.searchParams)).ok).toBe(false);
    expect((await completeConnect(world.deps, who, callback.searchParams)).ok).toBe(true);
  });

  it("refuses a login whose accounts are already synchronized in this company", async () => {
    const first = await connectBank(world, "Demo Bank", { username: "acme" });
    const { result } = await consentAtBank(world, first.actor, "Demo Bank", { username: "acme" });
    // The user reads both ways out: keep (and update) the existing connection, or delete it and connect again.
    expect(inEnglish(result)).toEqual({
      ok: false, connectionId: expect.any(String),
      error: "This account has already been synchronized by another connection. Either keep using that connection (update its credentials there if the bank login changed), or delete it and connect the bank again. Both are done in Settings → Online Synchronization.",
    });
    const [refused] = await db.select().from(bankConnections).where(eq(bankConnections.id, (result as { connectionId: string }).connectionId));
    expect(refused).toMatchObject({ state: "disconnected", lastErrorCode: "already_connected" });
  });

  describe("a login refused by our own check after the bank gave its consent", () => {
    // The first connection's consent ended at the Sandbox while ours still synchronizes its
    // accounts: the Sandbox accepts the same login again, and only our check refuses it.
    async function secondConsentOfTheSameLogin(deps = world.deps) {
      const first = await connectBank(world, "Demo Bank", { username: "acme" });
      const [existing] = await db.select().from(bankConnections).where(eq(bankConnections.id, first.connectionId));
      await world.provider.revoke(decryptSecret(existing!.providerRefEncrypted!));
      const [bank] = await db.select().from(institutions).where(eq(institutions.name, "Demo Bank"));
      const login = { institutionId: bank!.providerInstitutionId, username: "acme", customerRef: first.actor.companyId };
      expect(await world.server.store.findLiveConnection(login)).toBeNull();
      const started = await startConnect(deps, first.actor, { institutionId: bank!.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
      if (!started.ok) throw new Error(englishText(started.error));
      const result = await completeConnect(deps, first.actor, (await completeSandboxConsent(started.redirectUrl, { username: "acme" })).searchParams);
      return { result, login, existing: existing! };
    }

    it("revokes the consent just given, so no live consent is left at the Sandbox", async () => {
      const { result, login } = await secondConsentOfTheSameLogin();
      expect(inEnglish(result)).toMatchObject({ ok: false, error: expect.stringContaining("This account has already been synchronized by another connection.") });
      expect(await world.server.store.findLiveConnection(login)).toBeNull();
      const refused = (result as { connectionId: string }).connectionId;
      const events = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, refused));
      expect(events.map((e) => e.message)).toContain("The consent just given at Demo Bank was revoked, since the connection was not completed.");
    });

    it("still says why it refused when the revocation fails, and logs that the consent remains", async () => {
      const failingRevoke = { ...world.provider, revoke: async () => { throw new ProviderTransient(); } };
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const { result, login } = await secondConsentOfTheSameLogin({ ...world.deps, provider: () => failingRevoke });
      expect(inEnglish(result)).toMatchObject({ ok: false, error: expect.stringContaining("This account has already been synchronized by another connection.") });
      expect(await world.server.store.findLiveConnection(login)).not.toBeNull();
      const refused = (result as { connectionId: string }).connectionId;
      const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, refused));
      expect(connection).toMatchObject({ state: "disconnected", lastErrorCode: "already_connected" });
      const events = await db.select().from(connectionEvents).where(eq(connectionEvents.connectionId, refused));
      expect(events).toContainEqual(expect.objectContaining({ level: "warning", message: expect.stringMatching(/^The consent just given at Demo Bank could not be revoked/) }));
      expect(errors).toHaveBeenCalled();
    });
  });

  it("offers to try again when no account was authorized", async () => {
    const who = await actor();
    const { result } = await consentAtBank(world, who, "Demo Bank", { accountIds: [] });
    expect(result.ok).toBe(true);
    const connectionId = (result as { connectionId: string }).connectionId;
    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    expect(parseAuthorized(connection!.authorizedAccounts)).toEqual([]);
    expect(inEnglish(await confirmAccountSelection(world.deps, who, { connectionId, selections: [] }))).toEqual({ ok: false, error: "Select at least one account to synchronize." });
  });

  it("maps an authorized account onto an existing manual account instead of creating a new one", async () => {
    const who = await actor();
    const manual = await createManualBankAccount(db, who.companyId, { name: "Books: main EUR", currency: "EUR" });
    const { result } = await consentAtBank(world, who, "Demo Bank 90 days");
    const connectionId = (result as { connectionId: string }).connectionId;
    const [connection] = await db.select().from(bankConnections).where(eq(bankConnections.id, connectionId));
    const [account] = parseAuthorized(connection!.authorizedAccounts);
    const confirmed = await confirmAccountSelection(world.deps, who, { connectionId, selections: [{ providerAccountId: account!.providerAccountId, mapToBankAccountId: manual.id }] });
    expect(confirmed.ok).toBe(true);
    const accounts = await db.select().from(bankAccounts).where(eq(bankAccounts.companyId, who.companyId));
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: manual.id, name: "Books: main EUR", connectionId, syncEnabled: true });
  });
});
