import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { SCHEDULER_PORT } from "../playwright.config";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { e2eDatabaseUrl } from "./support/database";

// This server's built-in scheduler runs a pass every three seconds.
test.use({ baseURL: `http://localhost:${SCHEDULER_PORT}` });

test("a connection synchronizes on its own and its account shows the new transactions after a reload", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank 90 days", country: "NL", username: "auto-sync" }, { awaitConnected: false });

  const card = page.getByRole("article", { name: "Demo Bank 90 days" });
  await card.getByRole("link", { name: "Current Account", exact: true }).click();
  // The newest line's booking date, as the English interface writes it ("5 Dec 2026"; the first cell is its checkbox).
  const firstDate = page.getByRole("row").nth(1).getByRole("cell").filter({ hasText: /^\d{1,2} [A-Z][a-z]{2} \d{4}$/ }).first();
  await expect(firstDate).not.toBeEmpty();
  const newest = await firstDate.innerText();

  // Remove the last days of lines, as if they had not been fetched yet.
  const sql = postgres(e2eDatabaseUrl(SCHEDULER_PORT), { max: 1 });
  try {
    const removed = await sql`delete from transactions where booking_date >= (select max(booking_date) - 3 from transactions) returning id`;
    expect(removed.length).toBeGreaterThan(0);
  } finally {
    await sql.end();
  }
  await page.reload();
  await expect(firstDate).not.toHaveText(newest);

  // No click: the scheduler's next pass fetches them again.
  await expect(async () => {
    await page.reload();
    await expect(firstDate).toHaveText(newest, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});
