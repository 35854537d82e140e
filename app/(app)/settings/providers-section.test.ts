/**
 * Settings → Providers, rendered as the settings page serves it: an admin sees each
 * aggregator, whether it is configured, when its bank directory was last refreshed and
 * how many banks it holds, and a failed refresh's error; the variables to set for an
 * unconfigured one only in developer mode; a user-role member gets no such section.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { eq } from "drizzle-orm";
import { providerDirectoryStatus, users } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { renderedHtml, visibleText } from "@/lib/testing/rendered";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);

const { default: SettingsPage } = await import("./page");

/** Exactly these providers are configured: Salt Edge, GoCardless and Enable Banking (and the built-in Sandbox). */
const CONFIGURED = {
  SALTEDGE_APP_ID: "app-id", SALTEDGE_SECRET: "secret",
  GOCARDLESS_SECRET_ID: "secret-id", GOCARDLESS_SECRET_KEY: "secret-key",
  ENABLE_BANKING_APP_ID: "app-id", ENABLE_BANKING_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----\\nx\\n-----END PRIVATE KEY-----",
};
const UNSET = ["PLAID_CLIENT_ID", "PLAID_SECRET", "SIMPLEFIN_ENABLED", "SIMPLEFIN_BRIDGE_URL", "SANDBOX_PROVIDER", "ENABLE_BANKING_PRIVATE_KEY_FILE"];
let savedEnv: Record<string, string | undefined>;

beforeEach(() => {
  savedEnv = Object.fromEntries([...Object.keys(CONFIGURED), ...UNSET].map((name) => [name, process.env[name]]));
  for (const name of UNSET) delete process.env[name];
  Object.assign(process.env, CONFIGURED);
});

afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function settingsPageHtml(role: "admin" | "user", { developerMode = false } = {}) {
  const { user } = await createCompanyWithUser(db, { role });
  if (developerMode) await db.update(users).set({ developerMode: true }).where(eq(users.id, user.id));
  signInAs(await loadMembership(db, user.id));
  return renderedHtml(await SettingsPage());
}

/** The Providers section's table as the admin reads it: one row of cell texts per provider. */
function providerRows(html: string): Record<string, string[]> {
  const section = /<section[^>]*aria-labelledby="providers-heading"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  if (!section) throw new Error("The page has no Providers section");
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(section)![1]!;
  const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => visibleText(cell[1]!)));
  return Object.fromEntries(rows.map(([label, ...cells]) => [label!, cells]));
}

describe("Settings → Providers", () => {
  it("shows an admin in developer mode which providers are configured, what to set for the others, and each directory's last refresh, size and failure", async () => {
    await db.insert(providerDirectoryStatus).values([
      { provider: "saltedge", lastAttemptAt: new Date("2026-12-05T08:30:00Z"), lastSuccessAt: new Date("2026-12-05T08:30:00Z"), institutionCount: 3412, lastError: null },
      {
        provider: "gocardless", lastAttemptAt: new Date("2026-12-05T09:00:00Z"), lastSuccessAt: new Date("2026-12-04T09:00:00Z"), institutionCount: 2480,
        lastError: "GoCardless refused the secret id and key (401 Unauthorized).",
      },
    ]);
    const rows = providerRows(await settingsPageHtml("admin", { developerMode: true }));

    expect(rows["Salt Edge"]).toEqual(["Configured", "3412", "2026-12-05 08:30 UTC"]);
    // The failed refresh says why; the banks of the last good refresh are still counted.
    expect(rows["GoCardless Bank Account Data"]).toEqual([
      "Configured; last refresh failed: GoCardless refused the secret id and key (401 Unauthorized).", "2480", "2026-12-04 09:00 UTC",
    ]);
    expect(rows["Enable Banking"]).toEqual(["Configured", "0", "Not yet (refreshed on the first search and daily)"]);
    expect(rows["Sandbox"]?.[0]).toBe("Configured");
    expect(rows["Plaid"]).toEqual([
      "Not configured. Set PLAID_CLIENT_ID and PLAID_SECRET (PLAID_ENV=production for live banks; PLAID_COUNTRY_CODES for other countries than the US).", "—", "—",
    ]);
    expect(rows["SimpleFIN Bridge"]?.[0]).toMatch(/^Not configured\. Set SIMPLEFIN_ENABLED=1 /);
    expect(Object.keys(rows)).toHaveLength(6);
  });

  it("tells an admin outside developer mode to ask the administrator, without naming a variable, here or under Automatic synchronization", async () => {
    const html = await settingsPageHtml("admin");
    const rows = providerRows(html);
    expect(rows["Salt Edge"]?.[0]).toBe("Configured");
    expect(rows["Plaid"]).toEqual(["Not configured — ask your administrator", "—", "—"]);
    expect(rows["SimpleFIN Bridge"]?.[0]).toBe("Not configured — ask your administrator");
    expect(visibleText(html)).toContain("Automatic synchronization");
    expect(visibleText(html)).not.toMatch(/[A-Z]{3,}_[A-Z_]{2,}/);
  });

  it("is not part of a user-role member's settings page", async () => {
    await db.insert(providerDirectoryStatus).values({ provider: "saltedge", lastAttemptAt: new Date(), lastSuccessAt: new Date(), institutionCount: 3412 });
    const html = await settingsPageHtml("user");
    expect(visibleText(html)).toContain("Lock dates");
    expect(html).not.toContain("providers-heading");
    expect(visibleText(html)).not.toMatch(/Providers|Salt Edge|SALTEDGE_APP_ID|3412/);
  });
});
