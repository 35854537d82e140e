import { expect, test } from "@playwright/test";
import { lateBookingsJson } from "../lib/providers/sandbox/types";
import { formatDate } from "../lib/dates";
import { formatMoney } from "../lib/money";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

const PORT = Number(process.env.E2E_PORT ?? 3100);

test("lines the bank books after the sync, today and back-dated 3 days, appear once with Fetch Transactions", async ({ page }) => {
  const username = `late-bookings-${Date.now()}`;
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username });
  const { accountId, providerAccountId, bankConnectionId } = await withE2eDb(async (sql) => {
    const [account] = await sql<{ id: string; provider_account_id: string }[]>`
      select a.id, a.provider_account_id from bank_accounts a
      where a.connection_id is not null and a.currency = 'EUR' and a.name like '%Current Account' order by a.created_at desc limit 1`;
    const [atBank] = await sql<{ id: string }[]>`select id from sandbox_connections where username = ${username}`;
    return { accountId: account!.id, providerAccountId: account!.provider_account_id, bankConnectionId: atBank!.id };
  });

  // The bank books two lines after our sync: one under today's date, one back-dated three days.
  const response = await page.request.post(`http://localhost:${PORT}/sandbox/api/connections/${bankConnectionId}/late-bookings`, {
    data: { account_id: providerAccountId },
  });
  expect(response.status()).toBe(201);
  const late = lateBookingsJson.parse(await response.json()).transactions;
  expect(late).toHaveLength(2);

  const rowsOf = (line: (typeof late)[number]) =>
    page.getByRole("table", { name: /Transactions, newest first/ }).getByRole("row")
      .filter({ hasText: formatDate(line.booking_date, "en") }).filter({ hasText: line.description }).filter({ hasText: formatMoney(line.amount, line.currency) });
  await page.goto(`/accounts/${accountId}`);
  for (const line of late) await expect(rowsOf(line)).toHaveCount(0);

  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${accountId}"]`) });
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toContainText("2 new transactions");

  await page.goto(`/accounts/${accountId}`);
  for (const line of late) await expect(rowsOf(line)).toHaveCount(1);

  // Fetching again re-reads the same days and adds nothing.
  await page.goto("/");
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toContainText("No new transactions");
  await page.goto(`/accounts/${accountId}`);
  for (const line of late) await expect(rowsOf(line)).toHaveCount(1);
});
