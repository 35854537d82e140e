import { expect, test } from "@playwright/test";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

/** Refreshes the Sandbox received for this login today, and the app's sync runs of its connection. */
async function callsMade(username: string, connectionId: string) {
  return withE2eDb(async (sql) => {
    const [refreshes] = await sql<{ n: number }[]>`
      select coalesce(sum(r.count), 0)::int as n from sandbox_refreshes r
      join sandbox_connections c on c.id = r.connection_id where c.username = ${username}`;
    const [runs] = await sql<{ n: number }[]>`select count(*)::int as n from sync_runs where connection_id = ${connectionId}`;
    return { refreshes: refreshes!.n, runs: runs!.n };
  });
}

test("Demo Bank Daily Limit: the card shows the calls left, and a second Fetch Transactions is refused before calling the bank", async ({ page }) => {
  const username = `daily-limit-${Date.now()}`;
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank Daily Limit", country: "GB", username });
  const { accountId, connectionId } = await withE2eDb(async (sql) => {
    const [row] = await sql<{ id: string; connection_id: string }[]>`
      select a.id, a.connection_id from bank_accounts a
      join bank_connections c on c.id = a.connection_id join institutions i on i.id = c.institution_id
      where i.name = 'Demo Bank Daily Limit' and a.currency = 'GBP' order by a.created_at desc limit 1`;
    return { accountId: row!.id, connectionId: row!.connection_id };
  });
  // The first synchronization spent the bank's one call of the day.
  expect(await callsMade(username, connectionId)).toEqual({ refreshes: 1, runs: 1 });

  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  const budget = card.getByLabel("Calls left today");
  await expect(budget).toContainText("0 of 1 call left today (UTC day)");
  await expect(budget).toContainText(/Next refresh allowed at \d{1,2} [A-Z][a-z]{2} \d{4}, 00:00 UTC/);

  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toContainText(/^No calls left today for this bank \(1 per day\)\. Next refresh allowed at \d{1,2} [A-Z][a-z]{2} \d{4}, 00:00 UTC\.$/);
  // Nothing reached the Sandbox and no synchronization was started.
  expect(await callsMade(username, connectionId)).toEqual({ refreshes: 1, runs: 1 });
});
