import { expect, test } from "@playwright/test";
import { formatDate } from "../lib/dates";
import postgres from "postgres";
import { deriveAccounts } from "../lib/sandbox/accounts";
import { transactionsOfDay } from "../lib/sandbox/generator";
import { SANDBOX_INSTITUTIONS } from "../lib/sandbox/institutions";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { e2eDatabaseUrl } from "./support/database";
import { moveSandboxClock, resetSandboxClock } from "./support/sandbox-clock";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DAY_MS = 86_400_000;

test.afterEach(() => resetSandboxClock(PORT));

test("a pending line with a note posts the next day and appears once, booked, with the note", async ({ page }) => {
  const today = new Date().toISOString().slice(0, 10);
  const shown = formatDate(today, "en");
  // A bank login whose account has a line today with a text no other line of the day has.
  const institution = SANDBOX_INSTITUTIONS.find((i) => i.name === "Demo Bank Pending")!;
  const stamp = Date.now();
  const choice = Array.from({ length: 200 }, (_, i) => `pending-posts-${stamp}-${i}`)
    .map((username) => {
      const lines = transactionsOfDay(deriveAccounts(institution, username, null)[0]!, institution, today, today);
      const unique = lines.find((line) => lines.filter((other) => other.description === line.description).length === 1);
      return unique ? { username, line: unique } : null;
    })
    .find((found) => found !== null)!;

  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank Pending", country: "NL", username: choice.username });
  const sql = postgres(e2eDatabaseUrl(PORT), { max: 1 });
  const [account] = await sql<{ id: string }[]>`
    select a.id from bank_accounts a join bank_connections c on c.id = a.connection_id
    where a.name = 'Current Account' and a.currency = 'EUR' order by a.created_at desc limit 1`.finally(() => sql.end());

  // Today's lines are pending: greyed above the booked ones, not among them.
  await page.goto(`/accounts/${account!.id}`);
  const pending = page.getByRole("region", { name: "Pending" });
  const line = pending.getByRole("row", { name: new RegExp(`^Pending ${shown} ${escape(choice.line.description)} `) });
  await expect(line).toContainText("Pending");
  await expect(page.getByRole("table", { name: /Transactions, newest first/ }).getByRole("row").filter({ hasText: shown })).toHaveCount(0);

  await line.getByRole("button", { name: `Add note for ${shown} ${choice.line.description}` }).click();
  await line.getByRole("textbox", { name: "Note", exact: true }).fill("Taxi to the trade fair");
  await line.getByRole("textbox", { name: "Partner", exact: true }).fill("City Cabs Amsterdam");
  await line.getByRole("button", { name: "Save" }).click();
  await expect(line.getByRole("status")).toContainText("Saved.");
  await expect(line).toContainText("Note: Taxi to the trade fair");

  // The next day the bank posts it under a new id; Fetch Transactions brings it in.
  moveSandboxClock(PORT, DAY_MS);
  await page.goto("/");
  const card = page.locator("article", { has: page.locator(`a[href="/accounts/${account!.id}"]`) });
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toBeVisible();

  await page.goto(`/accounts/${account!.id}`);
  await expect(page.getByRole("region", { name: "Pending" })).toHaveCount(0);
  const booked = page.getByRole("table", { name: /Transactions, newest first/ }).getByRole("row")
    .filter({ hasText: shown }).filter({ hasText: choice.line.description });
  await expect(booked).toHaveCount(1);
  await expect(booked).toContainText(`was pending since ${shown}`);
  await expect(booked).toContainText("Note: Taxi to the trade fair");
  await expect(booked).toContainText("City Cabs Amsterdam");
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
