/**
 * The setup-token action, called as a function with the session mocked at the one
 * authorization helper: it completes only the signed-in company's own pending connection,
 * refuses hostile or mistyped input without spending the connection's single-use state,
 * and goes on to the account selection.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { bankConnections, institutions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { startConnect } from "@/lib/connections/connect";
import { refreshInstitutions } from "@/lib/institutions/directory";
import { getProvider } from "@/lib/providers";
import { serveSimpleFinMock, type SimpleFinMock } from "@/lib/providers/simplefin/testing/mock-server";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { formData } from "@/lib/testing/form-data";
import { signInAs } from "@/lib/testing/signed-in";
import { englishText } from "@/lib/i18n/stored-message";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);

const { claimSetupTokenAction } = await import("./actions");

let mock: SimpleFinMock;
const previousUrl = process.env.SIMPLEFIN_BRIDGE_URL;

beforeAll(async () => {
  mock = await serveSimpleFinMock();
  // The app's own provider lookup, configured as an administrator would.
  process.env.SIMPLEFIN_BRIDGE_URL = mock.rootUrl;
});
afterAll(async () => {
  if (previousUrl === undefined) delete process.env.SIMPLEFIN_BRIDGE_URL;
  else process.env.SIMPLEFIN_BRIDGE_URL = previousUrl;
  await mock.close();
});

/** A company with a SimpleFIN connection started: the state the adapter's redirect carries. */
async function started() {
  const { company, user } = await createCompanyWithUser(db);
  const actor = { companyId: company.id, userId: user.id };
  await refreshInstitutions(db, getProvider("simplefin"));
  const [institution] = await db.select().from(institutions).where(eq(institutions.provider, "simplefin"));
  const result = await startConnect({ db }, actor, { institutionId: institution!.id, consent: true, callbackUrl: "http://app.test/connect/callback" });
  if (!result.ok) throw new Error(englishText(result.error));
  return { actor, connectionId: result.connectionId, state: new URL(result.redirectUrl).searchParams.get("state")! };
}

const connection = async (id: string) => (await db.select().from(bankConnections).where(eq(bankConnections.id, id)))[0]!;
const redirectOf = (error: unknown) => String((error as { digest?: string }).digest ?? "");

beforeEach(() => {
  signInAs(null);
});

describe("claimSetupTokenAction", () => {
  it("claims the token and goes on to choosing the accounts", async () => {
    const own = await started();
    signInAs(await loadMembership(db, own.actor.userId));
    const error = await claimSetupTokenAction({ error: null }, formData({ state: own.state, setupToken: mock.issueSetupToken() })).catch((e: unknown) => e);
    expect(redirectOf(error)).toContain(`/connect/${own.connectionId}/accounts`);
    expect(await connection(own.connectionId)).toMatchObject({ state: "selecting_accounts", linkStateHash: null });
  });

  it("refuses a mistyped or hostile token with a message, leaving the connection waiting for a good one", async () => {
    const own = await started();
    signInAs(await loadMembership(db, own.actor.userId));
    const claims = () => mock.requests.filter((r) => r.path.includes("/claim/")).length;
    const claimsBefore = claims();
    for (const setupToken of ["", "not a token!", "<script>alert(1)</script>", "A".repeat(5_000)]) {
      const result = await claimSetupTokenAction({ error: null }, formData({ state: own.state, setupToken }));
      expect(result.error).toMatch(/setup token/);
    }
    const waiting = await connection(own.connectionId);
    expect(waiting).toMatchObject({ state: "pending", providerRefEncrypted: null });
    expect(waiting.linkStateHash).not.toBeNull();
    expect(claims()).toBe(claimsBefore);
  });

  it("cannot complete another company's connection, even with its state", async () => {
    const victim = await started();
    const intruder = await started();
    signInAs(await loadMembership(db, intruder.actor.userId));
    const result = await claimSetupTokenAction({ error: null }, formData({ state: victim.state, setupToken: mock.issueSetupToken() }));
    expect(result.error).toMatch(/already been used or is not valid/);
    expect(await connection(victim.connectionId)).toMatchObject({ state: "pending", providerRefEncrypted: null });
  });

  it("asks a stranger to sign in first", async () => {
    const own = await started();
    await expect(claimSetupTokenAction({ error: null }, formData({ state: own.state, setupToken: mock.issueSetupToken() }))).rejects.toThrow(/login/);
    expect((await connection(own.connectionId)).state).toBe("pending");
  });
});
