/**
 * The Sandbox adapter against the real Sandbox handler served over HTTP, driving the
 * hosted consent page like a browser.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isValidIBAN } from "ibantools";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AlreadyConnected,
  BackgroundRefreshUnsupported,
  ConsentExpired,
  ConsentRefused,
  InstitutionUnavailable,
  InvalidCredentials,
  InvalidWebhook,
  MfaRequired,
  ProviderRejected,
  ProviderTransient,
  RateLimited,
} from "@/lib/providers/errors";
import type { LinkSessionInput, Provider, ProviderTransaction, RefreshSession } from "@/lib/providers/types";
import { completeSandboxConsent, type ConsentChoices } from "@/lib/sandbox/consent-browser";
import { serveSandbox, type SandboxServer } from "@/lib/sandbox/serve";
import { sandboxProviderConfig } from "./config";
import { createSandboxProvider } from "./sandbox-provider";

const START = new Date("2025-06-15T10:00:00.000Z");
const clock = { now: START };
let server: SandboxServer;
let provider: Provider;

function providerFor(baseUrl: string, overrides: { timeoutMs?: number; pageSize?: number; webhookSecret?: string } = {}): Provider {
  return createSandboxProvider({ ...sandboxProviderConfig({}), baseUrl, timeoutMs: 5_000, ...overrides });
}

beforeEach(async () => {
  clock.now = START;
  server = await serveSandbox({ now: () => clock.now });
  provider = providerFor(server.baseUrl);
});

afterEach(async () => {
  await server.close();
});

async function consent(institutionId: string, choices: ConsentChoices = {}, input: Partial<LinkSessionInput> = {}) {
  const { redirectUrl } = await provider.createLinkSession({
    providerInstitutionId: institutionId,
    redirectUri: "http://app.test/connect/callback?flow=connect",
    state: "state-123",
    ...input,
  });
  return completeSandboxConsent(redirectUrl, choices);
}

async function link(institutionId: string, choices: ConsentChoices = {}, input: Partial<LinkSessionInput> = {}) {
  const callback = await consent(institutionId, choices, input);
  return provider.completeLink({ callbackParams: callback.searchParams });
}

async function collect(pages: AsyncIterable<ProviderTransaction[]>) {
  const all: ProviderTransaction[] = [];
  let count = 0;
  for await (const page of pages) {
    all.push(...page);
    count += 1;
  }
  return { all, pages: count };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("Sandbox adapter: institutions and linking", () => {
  it("lists the Sandbox banks with the behaviours the app relies on", async () => {
    const institutions = await provider.listInstitutions();
    const byName = new Map(institutions.map((institution) => [institution.name, institution]));
    expect(byName.get("Demo Bank")).toMatchObject({ provider: "sandbox", country: "DE", maxHistoryDays: 730, available: true, beta: false });
    expect(byName.get("Demo Bank 90 days")?.maxHistoryDays).toBe(90);
    expect(byName.get("Demo Bank Manual Only")?.supportsBackgroundRefresh).toBe(false);
    expect(byName.get("Demo Bank Beta")?.beta).toBe(true);
    expect(byName.get("Demo Bank Unavailable")?.available).toBe(false);
    for (const name of ["Demo Bank MFA", "Demo Bank Daily Limit", "Demo Bank Pending"]) expect(byName.has(name)).toBe(true);
    const logo = await fetch(byName.get("Demo Bank")!.logoUrl!);
    expect(logo.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("connects a bank through the consent page and returns the authorized accounts with balances", async () => {
    const callback = await consent("demo_bank");
    expect(callback.origin + callback.pathname).toBe("http://app.test/connect/callback");
    expect(callback.searchParams.get("flow")).toBe("connect");
    expect(callback.searchParams.get("state")).toBe("state-123");
    const linked = await provider.completeLink({ callbackParams: callback.searchParams });

    expect(linked.consentExpiresAt?.toISOString()).toBe("2025-09-13T10:00:00.000Z");
    expect(linked.accounts.map((account) => [account.type, account.currency])).toEqual([
      ["current", "EUR"],
      ["current", "USD"],
      ["savings", "EUR"],
    ]);
    for (const account of linked.accounts) {
      expect(isValidIBAN(account.iban!)).toBe(true);
      expect(account.accountNumber).toBe(account.iban);
      expect(account.balance?.amount).toMatch(/^-?\d+\.\d{2}$/);
    }

    const session = await provider.openRefresh({ connectionRef: linked.connectionRef, background: true });
    const accounts = await provider.getAccounts(session);
    expect(accounts.map((account) => [account.providerAccountId, account.balance?.amount])).toEqual(
      linked.accounts.map((account) => [account.providerAccountId, account.balance?.amount]),
    );

    const replay = await rejection(provider.completeLink({ callbackParams: callback.searchParams }));
    expect(replay).toBeInstanceOf(ProviderRejected);
    expect((replay as ProviderRejected).providerCode).toBe("invalid_code");
  });

  it("authorizes only the accounts left ticked, and the same login always sees the same accounts", async () => {
    const all = await link("demo_bank", { username: "carol" });
    const one = await link("demo_bank", { username: "carol", accountIds: [all.accounts[1]!.providerAccountId] });
    expect(one.accounts.map((account) => account.providerAccountId)).toEqual([all.accounts[1]!.providerAccountId]);
    const none = await link("demo_bank", { username: "carol", accountIds: [] });
    expect(none.accounts).toEqual([]);
  });

  it("reports invalid credentials when the password is refused", async () => {
    const callback = await consent("demo_bank", { password: "wrong" });
    expect(callback.searchParams.get("error")).toBe("invalid_credentials");
    expect(callback.searchParams.get("state")).toBe("state-123");
    expect(callback.searchParams.has("code")).toBe(false);
    const error = await rejection(provider.completeLink({ callbackParams: callback.searchParams }));
    expect(error).toBeInstanceOf(InvalidCredentials);
  });

  it("reports a refusal at the bank, on either step", async () => {
    for (const refuseAt of ["credentials", "accounts"] as const) {
      const callback = await consent("demo_bank", { refuseAt });
      expect(callback.searchParams.get("error")).toBe("access_denied");
      const error = await rejection(provider.completeLink({ callbackParams: callback.searchParams }));
      expect(error).toBeInstanceOf(ConsentRefused);
      expect(error).toBeInstanceOf(ProviderRejected);
    }
  });

  it("refuses to open a link session at a bank that is down", async () => {
    const error = await rejection(provider.createLinkSession({ providerInstitutionId: "demo_bank_unavailable", redirectUri: "http://app.test/cb", state: "s" }));
    expect(error).toBeInstanceOf(InstitutionUnavailable);
  });

  it("refuses the same bank login twice for one customer, and updates credentials in place", async () => {
    const first = await link("demo_bank", { username: "dave" }, { customerRef: "company-1" });
    expect(await rejection(link("demo_bank", { username: "dave" }, { customerRef: "company-1" }))).toBeInstanceOf(AlreadyConnected);
    expect((await link("demo_bank", { username: "dave" }, { customerRef: "company-2" })).connectionRef).not.toBe(first.connectionRef);

    const updated = await link("demo_bank", { username: "dave" }, { customerRef: "company-1", connectionRef: first.connectionRef });
    expect(updated.connectionRef).toBe(first.connectionRef);
    expect(updated.accounts.map((account) => account.providerAccountId)).toEqual(first.accounts.map((account) => account.providerAccountId));
  });
});

describe("Sandbox adapter: refresh", () => {
  it("asks Demo Bank MFA for the SMS code at every refresh and accepts 123456", async () => {
    const { connectionRef } = await link("demo_bank_mfa");
    for (let refresh = 0; refresh < 2; refresh += 1) {
      const asked = await rejection(provider.openRefresh({ connectionRef, background: false }));
      expect(asked).toBeInstanceOf(MfaRequired);
      const { challenge } = asked as MfaRequired;
      expect(challenge.prompt).toBe("Enter the code we sent by SMS");

      const wrong = await rejection(provider.openRefresh({ connectionRef, background: false, mfa: { challengeId: challenge.id, code: "000000" } }));
      expect(wrong).toBeInstanceOf(MfaRequired);
      expect((wrong as MfaRequired).codeRejected).toBe(true);

      const session = await provider.openRefresh({ connectionRef, background: false, mfa: { challengeId: challenge.id, code: "123456" } });
      expect((await provider.getAccounts(session)).length).toBe(2);

      const reused = await rejection(provider.openRefresh({ connectionRef, background: false, mfa: { challengeId: challenge.id, code: "123456" } }));
      expect(reused).toBeInstanceOf(MfaRequired);
      expect((reused as MfaRequired).challenge.id).not.toBe(challenge.id);
    }
  });

  it("allows Demo Bank Daily Limit one refresh per UTC day, with the retry time", async () => {
    const { connectionRef } = await link("demo_bank_daily_limit");
    await provider.openRefresh({ connectionRef, background: true });
    const limited = await rejection(provider.openRefresh({ connectionRef, background: false }));
    expect(limited).toBeInstanceOf(RateLimited);
    expect((limited as RateLimited).retryAfter?.toISOString()).toBe("2025-06-16T00:00:00.000Z");
    expect((limited as RateLimited).message).toContain("2025-06-16 00:00 UTC");

    clock.now = new Date("2025-06-16T00:00:01.000Z");
    await expect(provider.openRefresh({ connectionRef, background: false })).resolves.toMatchObject({ connectionRef });
  });

  it("refuses background refresh at Demo Bank Manual Only but lets the user refresh", async () => {
    const { connectionRef } = await link("demo_bank_manual_only");
    expect(await rejection(provider.openRefresh({ connectionRef, background: true }))).toBeInstanceOf(BackgroundRefreshUnsupported);
    await expect(provider.openRefresh({ connectionRef, background: false })).resolves.toMatchObject({ provider: "sandbox" });
  });

  it("reports an expired consent once its 90 days are over", async () => {
    const { connectionRef } = await link("demo_bank");
    clock.now = new Date("2025-09-13T10:00:00.000Z");
    expect(await rejection(provider.openRefresh({ connectionRef, background: true }))).toBeInstanceOf(ConsentExpired);
  });

  it("refuses to read data with a refresh token it did not issue", async () => {
    const { connectionRef } = await link("demo_bank");
    const forged: RefreshSession = { provider: "sandbox", connectionRef, token: "forged.token", expiresAt: null };
    const error = await rejection(provider.getAccounts(forged));
    expect(error).toBeInstanceOf(ProviderRejected);
    expect((error as ProviderRejected).providerCode).toBe("invalid_refresh_token");
  });
});

describe("Sandbox adapter: transactions", () => {
  it("streams a year of transactions page by page with no gaps or duplicates", async () => {
    const { connectionRef, accounts } = await link("demo_bank");
    const session = await provider.openRefresh({ connectionRef, background: false });
    const window = { providerAccountId: accounts[0]!.providerAccountId, from: "2024-06-15", to: "2025-06-15" };

    const paged = await collect(providerFor(server.baseUrl, { pageSize: 200 }).getTransactions(session, window));
    const whole = await collect(providerFor(server.baseUrl, { pageSize: 1000 }).getTransactions(session, window));
    expect(paged.pages).toBeGreaterThanOrEqual(3);
    expect(whole.pages).toBe(Math.ceil(whole.all.length / 1000));
    expect(paged.all.map((t) => t.providerTransactionId)).toEqual(whole.all.map((t) => t.providerTransactionId));
    expect(new Set(paged.all.map((t) => t.providerTransactionId)).size).toBe(paged.all.length);
    expect(paged.all.every((t) => t.bookingDate >= "2024-06-15" && t.bookingDate <= "2025-06-15" && t.status === "posted")).toBe(true);
    expect(paged.all[0]).toMatchObject({ currency: "EUR", amount: expect.stringMatching(/^-?\d+\.\d{2}$/) });

    const again = await collect(provider.getTransactions(session, window));
    expect(again.all).toEqual(whole.all);
  });

  it("returns nothing older than 90 days at Demo Bank 90 days", async () => {
    const { connectionRef, accounts } = await link("demo_bank_90_days");
    const session = await provider.openRefresh({ connectionRef, background: false });
    const { all } = await collect(provider.getTransactions(session, { providerAccountId: accounts[0]!.providerAccountId, from: "2023-01-01", to: "2025-06-15" }));
    expect(all.length).toBeGreaterThan(50);
    expect(all[0]!.bookingDate >= "2025-03-17").toBe(true);
  });

  it("shows today's transactions at Demo Bank Pending as pending, posted under new ids the next day", async () => {
    const { connectionRef, accounts } = await link("demo_bank_pending");
    const accountId = accounts[0]!.providerAccountId;
    let today = "2025-06-15";
    let pending: ProviderTransaction[] = [];
    for (; pending.length === 0; today = addDays(today, 1)) {
      clock.now = new Date(`${today}T12:00:00.000Z`);
      const session = await provider.openRefresh({ connectionRef, background: false });
      pending = (await collect(provider.getTransactions(session, { providerAccountId: accountId, from: today, to: today }))).all;
    }
    const day = pending[0]!.bookingDate;
    expect(pending.every((t) => t.status === "pending" && t.providerTransactionId.startsWith("pend-"))).toBe(true);

    clock.now = new Date(`${addDays(day, 1)}T12:00:00.000Z`);
    const session = await provider.openRefresh({ connectionRef, background: false });
    const posted = (await collect(provider.getTransactions(session, { providerAccountId: accountId, from: day, to: day }))).all;
    expect(posted.map((t) => [t.status, t.amount])).toEqual(pending.map((t) => ["posted", t.amount]));
    expect(posted.some((t) => pending.some((p) => p.providerTransactionId === t.providerTransactionId))).toBe(false);
  });
});

describe("Sandbox adapter: revoke", () => {
  it("deletes the connection at Demo Bank, and revoking again still succeeds", async () => {
    const { connectionRef } = await link("demo_bank");
    expect(await provider.revoke(connectionRef)).toEqual({ deletedAtProvider: true, message: null });
    expect(await rejection(provider.openRefresh({ connectionRef, background: false }))).toBeInstanceOf(ConsentExpired);
    expect(await provider.revoke(connectionRef)).toEqual({ deletedAtProvider: true, message: null });
  });

  it("tells the user that Demo Bank Manual Only keeps its record and how to remove it", async () => {
    const { connectionRef } = await link("demo_bank_manual_only");
    const result = await provider.revoke(connectionRef);
    expect(result.deletedAtProvider).toBe(false);
    expect(result.message).toContain("Demo Bank Manual Only keeps a record");
    expect(result.message).toContain("Connected apps");
    expect(await rejection(provider.openRefresh({ connectionRef, background: false }))).toBeInstanceOf(ConsentExpired);
  });
});

describe("Sandbox adapter: failures of the network", () => {
  let silent: Server | null = null;
  afterEach(async () => {
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve) ?? resolve(null));
    silent = null;
  });

  it("gives up on a server that never answers after the timeout, as a transient error", async () => {
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent!.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    const error = await rejection(providerFor(`http://127.0.0.1:${port}/sandbox`, { timeoutMs: 300 }).listInstitutions());
    expect(error).toBeInstanceOf(ProviderTransient);
    expect((error as ProviderTransient).providerCode).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("treats a refused connection and a 5xx as transient", async () => {
    const closed = await serveSandbox();
    await closed.close();
    expect(await rejection(providerFor(closed.baseUrl).listInstitutions())).toBeInstanceOf(ProviderTransient);

    silent = createServer((_request, response) => response.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>"));
    await new Promise<void>((resolve) => silent!.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const error = await rejection(providerFor(`http://127.0.0.1:${port}/sandbox`).listInstitutions());
    expect(error).toBeInstanceOf(ProviderTransient);
    expect((error as ProviderTransient).httpStatus).toBe(502);
  });
});

describe("Sandbox adapter: webhooks", () => {
  let receiver: Server;
  let received: Promise<{ headers: IncomingHttpHeaders; body: string }>;
  let receiverUrl: string;

  beforeEach(async () => {
    received = new Promise((resolve) => {
      receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          response.writeHead(200).end();
          resolve({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/sandbox`;
  });

  afterEach(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function deliver(connectionRef: string, type: string) {
    const answer = await fetch(`${server.baseUrl}/api/connections/${connectionRef}/webhooks/test`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: receiverUrl, type }),
    });
    expect(await answer.json()).toMatchObject({ delivered: true, status_code: 200 });
    const { headers, body } = await received;
    return { headers: new Headers(headers as Record<string, string>), body };
  }

  it("accepts a signed webhook and normalizes it", async () => {
    const { connectionRef, accounts } = await link("demo_bank");
    const { headers, body } = await deliver(connectionRef, "transactions.available");
    expect(headers.get("sandbox-signature")).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const webhook = provider.verifyWebhook(headers, body, new Date(clock.now.getTime() + 60_000));
    expect(webhook).toMatchObject({
      provider: "sandbox",
      kind: "transactions_available",
      providerType: "transactions.available",
      connectionRef,
      occurredAt: clock.now,
      providerAccountIds: accounts.map((account) => account.providerAccountId),
    });
  });

  it("rejects a tampered body, an old delivery and another secret", async () => {
    const { connectionRef } = await link("demo_bank");
    const { headers, body } = await deliver(connectionRef, "login_required");
    expect((await provider.verifyWebhook(headers, body, clock.now)).kind).toBe("login_required");
    expect(() => provider.verifyWebhook(headers, body.replace(connectionRef, "conn_someone_else"), clock.now)).toThrow(InvalidWebhook);
    expect(() => provider.verifyWebhook(headers, body, new Date(clock.now.getTime() + 6 * 60_000))).toThrow(InvalidWebhook);
    expect(() => providerFor(server.baseUrl, { webhookSecret: "another-secret" }).verifyWebhook(headers, body, clock.now)).toThrow(InvalidWebhook);
    expect(() => provider.verifyWebhook(new Headers(), body, clock.now)).toThrow(InvalidWebhook);
  });
});
