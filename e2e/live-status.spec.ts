import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

/**
 * Pages that show a running synchronization follow it by themselves: "Synchronizing…",
 * then the run's result, with no reload. The Sandbox bank holds the connection's refresh
 * (its test control /sandbox/api/connections/:id/hold) so the run stays open while the
 * pages are opened.
 */

async function connectHeldBank(page: Page, username: string) {
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username });
  return withE2eDb(async (sql) => {
    const [atBank] = await sql<{ id: string }[]>`select id from sandbox_connections where username = ${username}`;
    const [account] = await sql<{ id: string; connection_id: string }[]>`
      select id, connection_id from bank_accounts where connection_id is not null order by created_at desc, name limit 1`;
    return { bankConnectionId: atBank!.id, accountId: account!.id, connectionId: account!.connection_id };
  });
}

async function holdRefresh(page: Page, bankConnectionId: string, seconds: number) {
  const response = await page.request.post(`/sandbox/api/connections/${bankConnectionId}/hold`, { data: { seconds } });
  expect(response.status()).toBe(200);
}

async function awaitRunning(connectionId: string) {
  await expect(async () => {
    const [run] = await withE2eDb((sql) => sql`select 1 from sync_runs where connection_id = ${connectionId} and status = 'running'`);
    expect(run).toBeDefined();
  }).toPass({ timeout: 5_000 });
}

/** Marks the page so that a reload (which clears it) would be noticed. */
async function markLoaded(page: Page) {
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

const cardOf = (page: Page, accountId: string) => page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
/** The live status line of a page or part of one ("Synchronizing…", "Synchronization finished: …", "… already running …"). */
const liveStatus = (scope: Page | Locator) => scope.getByRole("status").filter({ hasText: /ynchroniz/ });

test("a dashboard, an account page and the Online Synchronization list opened while a sync runs show it, then its result, without a reload", async ({ page, context }) => {
  await signIn(page, ADMIN);
  const bank = await connectHeldBank(page, `live-open-${Date.now()}`);
  await withE2eDb((sql) => sql`update users set developer_mode = true where email = ${ADMIN.email}`);

  await holdRefresh(page, bank.bankConnectionId, 10);
  const fetcher = await context.newPage();
  await fetcher.goto("/");
  await cardOf(fetcher, bank.accountId).getByRole("button", { name: "Fetch Transactions" }).click();
  await awaitRunning(bank.connectionId);

  await page.goto("/");
  const card = cardOf(page, bank.accountId);
  await expect(liveStatus(card)).toHaveText("Synchronizing…");
  await expect(card.getByRole("button", { name: "Fetch Transactions" })).toBeDisabled();
  await markLoaded(page);
  const accountPage = await context.newPage();
  await accountPage.goto(`/accounts/${bank.accountId}`);
  await expect(liveStatus(accountPage)).toHaveText("Synchronizing…");
  await markLoaded(accountPage);
  const list = await context.newPage();
  await list.goto("/settings/online-synchronization");
  const row = list.getByRole("row").filter({ has: list.locator(`a[href="/settings/online-synchronization/${bank.connectionId}"]`) });
  await expect(liveStatus(row)).toHaveText("Synchronizing…");
  await markLoaded(list);

  await holdRefresh(page, bank.bankConnectionId, 0);
  const finished = /^Synchronization finished: (no new transactions|\d+ new transactions?)/;
  await expect(liveStatus(card)).toHaveText(finished);
  await expect(card.getByRole("button", { name: "Fetch Transactions" })).toBeEnabled();
  // The rest of the card followed too: its state line no longer says it is synchronizing.
  await expect(card).not.toContainText("Synchronizing…");
  await expect(liveStatus(accountPage)).toHaveText(finished);
  await expect(liveStatus(row)).toHaveText(finished);
  for (const watcher of [page, accountPage, list]) await expectNotReloaded(watcher);
});

test("Fetch Transactions pressed while a sync runs says it is already running, then shows that run's result", async ({ page, context }) => {
  await signIn(page, ADMIN);
  const bank = await connectHeldBank(page, `live-again-${Date.now()}`);
  await page.goto("/");
  const card = cardOf(page, bank.accountId);
  await markLoaded(page);

  await holdRefresh(page, bank.bankConnectionId, 10);
  const fetcher = await context.newPage();
  await fetcher.goto("/");
  const fetcherCard = cardOf(fetcher, bank.accountId);
  await fetcherCard.getByRole("button", { name: "Fetch Transactions" }).click();
  await awaitRunning(bank.connectionId);

  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(liveStatus(card)).toHaveText("A synchronization of this connection is already running. Its result will show here when it ends.");

  await holdRefresh(page, bank.bankConnectionId, 0);
  await expect(liveStatus(card)).toHaveText(/^Synchronization finished: (no new transactions|\d+ new transactions?)/);
  await expect(fetcherCard.getByRole("status")).toHaveText(/transaction/);
  const runs = await withE2eDb((sql) => sql`select status from sync_runs where connection_id = ${bank.connectionId} order by started_at`);
  // The first synchronization when connecting, then the one run both presses saw.
  expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded"]);
  await expectNotReloaded(page);
});

test("a server with background work off says so on the cards and in Settings", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("article").filter({ hasText: "Automatic synchronization is off on this server" }).first()).toBeVisible();
  await expect(page.getByText(/Next sync:/)).toHaveCount(0);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Automatic synchronization" });
  await expect(section).toContainText("Automatic synchronization is off on this server");
  await expect(section).not.toContainText("Built-in scheduler");
  await expect(section).not.toContainText("Next automatic pass");
});
