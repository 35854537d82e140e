import { expect, test } from "@playwright/test";
import { SCHEDULER_PORT } from "../playwright.config";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

// This server's built-in scheduler passes every three seconds: every connection has a next automatic sync.
test.use({ baseURL: `http://localhost:${SCHEDULER_PORT}` });

test("each connection's next automatic sync shows on its bank card and in the Online Synchronization list, with the last pass in Settings", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `next-sync-${Date.now()}` }, { awaitConnected: false });
  // Back on the dashboard once the accounts are confirmed.
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const { accountId, connectionId } = await withE2eDb(async (sql) => {
    const [account] = await sql<{ id: string; connection_id: string }[]>`
      select id, connection_id from bank_accounts where connection_id is not null order by created_at desc, name limit 1`;
    await sql`update users set developer_mode = true where email = ${ADMIN.email}`;
    return { accountId: account!.id, connectionId: account!.connection_id };
  }, SCHEDULER_PORT);

  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  // "6 Dec 2026, 10:15 UTC", as the English interface writes a moment.
  await expect(card).toContainText(/Next sync: \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/);

  await page.goto("/settings/online-synchronization");
  const headers = await page.getByRole("columnheader").allInnerTexts();
  const column = headers.findIndex((text) => /Next synchronization/i.test(text));
  expect(column).toBeGreaterThan(-1);
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/settings/online-synchronization/${connectionId}"]`) });
  await expect(row.getByRole("cell").nth(column)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

  // The company's connections are in a pass within seconds.
  await expect(async () => {
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Automatic synchronization" });
    await expect(section).toContainText(/Last automatic pass\s*\d{4}-\d\d-\d\d \d\d:\d\d UTC: \d+ connections? synchronized, \d+ failed, \d+ lines? imported/, { timeout: 1_000 });
    await expect(section).toContainText(/Next automatic pass\s*\d{4}-\d\d-\d\d \d\d:\d\d UTC/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});
