import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { e2eDatabaseUrl } from "./support/database";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/** Every page body and server-action answer the browser receives while the test runs. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/text\/html|text\/x-component|application\/json/.test(type)) return;
    try {
      bodies.push(await response.text());
    } catch {
      // A redirect or an aborted request has no body to check.
    }
  });
  return bodies;
}

test("no provider token, password hash or link secret ever reaches the browser", async ({ page }) => {
  const received = recordResponses(page);
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank 90 days", country: "NL", username: "no-secrets", password: "hunter2-bank-password" });
  const card = page.getByRole("article").filter({ hasText: "Demo Bank 90 days" }).first();
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");
  await card.getByRole("link").first().click();
  await expect(page.getByRole("table")).toBeVisible();
  await page.goto("/settings");
  await page.goto("/connect");
  await expect(page.getByRole("list", { name: "Institutions" })).toBeVisible();

  const sql = postgres(e2eDatabaseUrl(PORT), { max: 1 });
  try {
    const secrets = [
      ...(await sql<{ v: string }[]>`select id as v from sandbox_connections`),
      ...(await sql<{ v: string }[]>`select provider_ref_encrypted as v from bank_connections where provider_ref_encrypted is not null`),
      ...(await sql<{ v: string }[]>`select provider_ref_hash as v from bank_connections where provider_ref_hash is not null`),
      ...(await sql<{ v: string }[]>`select password_hash as v from users where password_hash is not null`),
    ].map((row) => row.v);
    expect(secrets.length).toBeGreaterThan(3);
    const everything = received.join("\n");
    expect(everything.length).toBeGreaterThan(10_000);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The bank password typed on the bank's page never comes back either.
    expect(everything).not.toContain("hunter2-bank-password");
  } finally {
    await sql.end();
  }
});
