import { expect, test } from "@playwright/test";
import { connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";
import { freshCompany, insertManualAccounts } from "./support/fresh-company";
import { addManualAccount } from "./support/manual-account";

/** "Current Account", or the same with the one word the Sandbox puts before it ("Business Current Account"). */
const accountNamed = (kind: string) => new RegExp(`^(\\w+ )?${kind}$`);

test("the dashboard groups accounts by bank connection, keeps manual accounts apart, marks a Beta bank, and filters", async ({ page }) => {
  const company = await freshCompany("grouped");
  await signIn(page, company);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `grouped-${Date.now()}` });
  await connectSandboxBank(page, { name: "Demo Bank Beta", country: "US", username: `grouped-beta-${Date.now()}` });
  const { iban } = await addManualAccount(page);

  await page.goto("/");
  const connections = page.getByRole("list", { name: "Bank connections" }).getByRole("article");
  await expect(connections).toHaveCount(2);
  const demo = page.getByRole("article", { name: "Demo Bank", exact: true });
  const beta = page.getByRole("article", { name: "Demo Bank Beta", exact: true });
  const manual = page.getByRole("region", { name: "Manual accounts" });

  // One card per connection: the bank once, its provider, its accounts by name and number, one Fetch.
  await expect(demo.getByRole("heading", { name: "Demo Bank", exact: true })).toBeVisible();
  await expect(demo).toContainText("via Sandbox");
  await expect(demo.getByRole("list", { name: "Accounts at Demo Bank" }).getByRole("listitem")).toHaveCount(3);
  // The Sandbox names accounts after the login ("Business Current Account"): the kind is what counts here.
  for (const name of ["Current Account", "USD Current Account", "Savings Account"]) {
    await expect(demo.getByRole("link", { name: accountNamed(name) })).toBeVisible();
  }
  await expect(demo.getByText(/^•••• \w{4}$/)).toHaveCount(3);
  await expect(demo.getByRole("button", { name: "Fetch Transactions" })).toHaveCount(1);
  await expect(demo).toContainText(/Last synchronized .* · Synchronized/);
  // Only the Beta bank says so, with the warning that its support is limited.
  await expect(demo).not.toContainText("Beta");
  await expect(beta.getByText("Beta", { exact: true })).toBeVisible();
  await expect(beta).toContainText("Beta: support for this bank is limited.");
  await expect(beta.getByRole("link", { name: accountNamed("Checking Account") })).toBeVisible();
  // The manual account is in the third group, not in a connection's.
  await expect(manual.getByRole("article", { name: iban })).toBeVisible();
  await expect(connections.filter({ hasText: iban })).toHaveCount(0);
  // Six accounts: no filter box yet.
  await expect(page.getByLabel("Filter accounts")).toHaveCount(0);

  // Past eight accounts a filter box narrows the groups as the user types.
  await insertManualAccounts(company.companyId, ["Petty cash", "Payroll reserve", "Escrow"]);
  await page.reload();
  const filter = page.getByLabel("Filter accounts");
  await filter.fill("checking");
  await expect(beta).toBeVisible();
  await expect(demo).toBeHidden();
  await expect(manual).toBeHidden();
  await filter.fill("petty");
  await expect(manual.getByRole("article", { name: "Petty cash" })).toBeVisible();
  await expect(manual.getByRole("article", { name: "Escrow" })).toBeHidden();
  await expect(demo).toBeHidden();
  await expect(beta).toBeHidden();
  await filter.fill("savings");
  await expect(demo.getByRole("link", { name: accountNamed("Savings Account") })).toBeVisible();
  await expect(demo.getByRole("link", { name: accountNamed("Current Account") })).toBeHidden();
  await expect(beta.getByRole("link", { name: accountNamed("Savings Account") })).toBeVisible();
  await filter.fill("no such account");
  await expect(page.getByRole("status").filter({ hasText: "No account matches this filter." })).toBeVisible();
  await filter.fill("");
  await expect(connections).toHaveCount(2);
  await expect(demo).toBeVisible();
  await expect(manual.getByRole("article")).toHaveCount(4);
});

test("'Search over N banks' gives the directory's real count and opens Connect bank; Add new bank stays on a full dashboard", async ({ page }) => {
  const company = await freshCompany("search-over");
  await insertManualAccounts(company.companyId, ["Operating", "Reserve"]);
  await signIn(page, company);
  // Connect bank loads the directory from the enabled providers.
  await page.goto("/connect");
  await expect(page.getByRole("list", { name: "Institutions" })).toContainText("Demo Bank");
  await page.goto("/");
  const offered = await withE2eDb(async (sql) => {
    const [row] = await sql<{ total: number }[]>`select count(*)::int as total from institutions where provider in ('sandbox', 'enablebanking', 'plaid', 'saltedge')`;
    return row!.total;
  });
  expect(offered).toBeGreaterThan(10);
  const search = page.getByRole("link", { name: `Search over ${offered} banks` });
  await expect(search).toBeVisible();
  await expect(page.getByRole("link", { name: "Add new bank" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect bank" })).toBeVisible();
  await search.click();
  await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
});

test("an account page fetches its bank's transactions itself, and a manual account's empty page offers Import file", async ({ page }) => {
  const company = await freshCompany("account-fetch");
  await signIn(page, company);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `account-fetch-${Date.now()}` });
  const accountId = await withE2eDb(async (sql) => {
    const [row] = await sql<{ id: string }[]>`select id from bank_accounts where company_id = ${company.companyId} and name like '%Current Account' and currency = 'EUR'`;
    // The page starts empty, as before the first synchronization brought anything.
    await sql`delete from transactions where bank_account_id = ${row!.id}`;
    await sql`update bank_accounts set last_synced_at = null where id = ${row!.id}`;
    return row!.id;
  });

  await page.goto(`/accounts/${accountId}`);
  const empty = page.getByRole("heading", { name: "No transactions yet" });
  await expect(empty).toBeVisible();
  await expect(page.getByText("Fetch Transactions (above) asks the bank for the latest transactions of this account.")).toBeVisible();
  await page.getByRole("button", { name: "Fetch Transactions" }).click();
  // The page itself shows what the fetch brought, without going back to the dashboard.
  await expect(page.getByRole("status").filter({ hasText: /^\d+ new transactions/ })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}$`));
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No transactions yet" })).toHaveCount(0);

  const { accountPath } = await addManualAccount(page);
  await page.goto(accountPath);
  await expect(page.getByRole("button", { name: "Fetch Transactions" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Import file" })).toBeVisible();
});
