/**
 * The Connect bank page after a refused duplicate login (`?failed=`): besides the message,
 * a link to where the existing connection can be kept (Update Credentials) or deleted, or,
 * for those who cannot open it, who can.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { bankConnections, institutions, users } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { renderedHtml, visibleText } from "@/lib/testing/rendered";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);

const { default: ConnectPage } = await import("./page");

// No provider is configured: the page loads no bank directory from anywhere.
beforeEach(() => {
  vi.stubEnv("SANDBOX_PROVIDER", "off");
});
afterEach(() => {
  vi.unstubAllEnvs();
});


async function pageAfterFailure(options: { role: "admin" | "user"; developerMode: boolean; code: string }) {
  const { company, user } = await createCompanyWithUser(db, { role: options.role, companyName: "Acme GmbH" });
  if (options.developerMode) await db.update(users).set({ developerMode: true }).where(eq(users.id, user.id));
  const [bank] = await db.insert(institutions).values({ provider: "sandbox", providerInstitutionId: `demo-${user.id}`, name: "Demo Bank", country: "DE" }).returning();
  const [failed] = await db.insert(bankConnections).values({
    companyId: company.id, institutionId: bank!.id, provider: "sandbox", state: "disconnected", clientId: `cl_${user.id}`,
    lastErrorCode: options.code, lastErrorMessage: "This account has already been synchronized by another connection.", lastErrorReference: "OBS-TEST",
  }).returning();
  signInAs(await loadMembership(db, user.id));
  return renderedHtml(await ConnectPage({ searchParams: Promise.resolve({ failed: failed!.id }) }));
}

describe("the Connect bank page after a refused duplicate login", () => {
  it("links an administrator in developer mode to Online Synchronization", async () => {
    const html = await pageAfterFailure({ role: "admin", developerMode: true, code: "already_connected" });
    expect(html).toMatch(/<a [^>]*href="\/settings\/online-synchronization"[^>]*>Open Online Synchronization<\/a>/);
    expect(visibleText(html)).toContain("to find the existing connection to this bank: Update Credentials or Delete.");
  });

  it("tells an administrator without developer mode how to get there, and a user whom to ask", async () => {
    const admin = visibleText(await pageAfterFailure({ role: "admin", developerMode: false, code: "already_connected" }));
    expect(admin).toContain("Turn on developer mode in the user menu, then open Settings → Online Synchronization to update or delete the existing connection.");
    const user = visibleText(await pageAfterFailure({ role: "user", developerMode: false, code: "already_connected" }));
    expect(user).toContain("Ask an administrator of Acme GmbH to update or delete the existing connection in Settings → Online Synchronization.");
  });

  it("offers no such link after another failure", async () => {
    const html = await pageAfterFailure({ role: "admin", developerMode: true, code: "invalid_credentials" });
    expect(html).not.toContain("/settings/online-synchronization");
  });
});

describe("the Connect bank page with a malformed ?failed=", () => {
  it("says the link is not valid instead of failing", async () => {
    const { user } = await createCompanyWithUser(db, { role: "admin" });
    signInAs(await loadMembership(db, user.id));
    const html = await renderedHtml(await ConnectPage({ searchParams: Promise.resolve({ failed: "1".repeat(36) }) }));
    expect(visibleText(html)).toContain("This link has already been used or is not valid.");
  });
});

