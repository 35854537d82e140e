/**
 * The accountant's reading of connections and of the seed's notes: Online Synchronization
 * rows with account numbers and provider names, refused consents apart with Connect again
 * (there and on Connect bank), the Update Credentials reminder and its "Credentials
 * updated", the 90-day bank's notices, and no developer text (variable names, raw online
 * ids) outside developer mode.
 */
import { expect, test, type Page } from "@playwright/test";
import { addDays, toIsoDate } from "../lib/dates";
import { ADMIN, connectSandboxBank, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";

const setDeveloperMode = (on: boolean) => withE2eDb((sql) => sql`update users set developer_mode = ${on} where email = ${ADMIN.email}`);

test.afterEach(async () => {
  await setDeveloperMode(false);
});

/** The connection whose first synchronization the dashboard just reported (its `?run=`), with its accounts. */
async function connectionJustMade(page: Page) {
  await expect(page).toHaveURL(/[?&]run=/);
  const runId = new URL(page.url()).searchParams.get("run")!;
  return withE2eDb(async (sql) => {
    const [connection] = await sql<{ id: string; client_id: string }[]>`
      select c.id, c.client_id from sync_runs r join bank_connections c on c.id = r.connection_id where r.id = ${runId}`;
    const accounts = await sql<{ id: string; name: string; account_number: string }[]>`
      select id, name, account_number from bank_accounts where connection_id = ${connection!.id} and sync_enabled order by name`;
    return { id: connection!.id, clientId: connection!.client_id, accounts };
  });
}

const lastFour = (accountNumber: string) => `•••• ${accountNumber.replace(/\s+/g, "").slice(-4)}`;

test("Online Synchronization shows each connection's accounts and provider name; a refused consent is listed apart, Off, with Connect again here and on Connect bank", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `readable-${Date.now()}` });
  const made = await connectionJustMade(page);
  expect(made.accounts.length).toBeGreaterThan(1);

  // Refused at the bank: no account connected.
  await page.goto("/connect");
  await page.getByLabel("Search for an institution").fill("Demo Bank Daily Limit");
  await page.getByRole("button", { name: /^Demo Bank Daily Limit \(GB\)/ }).click();
  await page.getByRole("checkbox", { name: /I agree/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("Username").fill(`refused-readable-${Date.now()}`);
  await page.getByRole("button", { name: "Refuse" }).click();
  await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
  const refused = await withE2eDb(async (sql) => (await sql<{ client_id: string }[]>`
    select client_id from bank_connections where state = 'refused' and provider_ref_encrypted is null order by created_at desc limit 1`)[0]!.client_id);

  await setDeveloperMode(true);
  await page.goto("/settings/online-synchronization");
  const row = page.getByRole("row").filter({ hasText: made.clientId });
  await expect(row.getByRole("cell").nth(1)).toHaveText("Sandbox");
  const accounts = row.getByRole("list", { name: "Accounts of Demo Bank" }).getByRole("listitem");
  await expect(accounts).toHaveText(made.accounts.map((a) => `${a.name} ${lastFour(a.account_number)}`));

  // The refused consent is not among the connections, but apart, with automatic synchronization Off.
  const connectionsTable = page.getByRole("table").first();
  await expect(connectionsTable.getByRole("row").filter({ hasText: refused })).toHaveCount(0);
  const attempts = page.getByRole("region", { name: "Refused or unfinished consents" });
  const attempt = attempts.getByRole("row").filter({ hasText: refused });
  await expect(attempt).toContainText("Demo Bank Daily Limit");
  await expect(attempt).toContainText("Consent refused");
  await expect(attempt.getByRole("cell").nth(3)).toHaveText("Off");
  await expect(attempt.getByRole("button", { name: "Connect again" })).toBeVisible();

  // The Connect bank page offers it too, to anyone who may connect a bank.
  await setDeveloperMode(false);
  await page.goto("/connect");
  const unfinished = page.getByRole("region", { name: "Connections not completed" });
  await expect(unfinished).toContainText("Demo Bank Daily Limit");
  await unfinished.getByRole("button", { name: "Connect again to Demo Bank Daily Limit" }).first().click();
  await page.getByLabel("Username").fill(`again-readable-${Date.now()}`);
  await page.getByLabel("Password").fill("secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toBeVisible({ timeout: 60_000 });
  const again = await connectionJustMade(page);
  expect(again.clientId).toBe(refused);
  await page.goto("/connect");
  await expect(page.getByRole("region", { name: "Connections not completed" }).getByText("Demo Bank Daily Limit")).toHaveCount(0);
});

test("Update Credentials reminds to select all accounts, including other institutions' on the same credentials, and ends with Credentials updated", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `credentials-${Date.now()}` });
  const made = await connectionJustMade(page);
  await setDeveloperMode(true);
  await page.goto(`/settings/online-synchronization/${made.id}`);
  await page.getByRole("button", { name: "Update Credentials" }).click();
  await page.getByLabel("Password").fill("secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  await expect(page.getByRole("note")).toHaveText(
    "Select all the accounts you want to keep synchronizing, including those of other institutions linked through the same credentials.",
  );
  await page.getByRole("button", { name: "Confirm" }).click();
  const outcome = page.getByRole("status").filter({ hasText: "Credentials updated." });
  await expect(outcome).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Bank connected.")).toHaveCount(0);
});

test("a 90-day bank says its history was limited after the first sync, and Find Missing says only its last 90 days can be searched, each with Import file", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank 90 days", country: "NL", username: `ninety-${Date.now()}` });
  const made = await connectionJustMade(page);
  const notice = page.getByRole("note", { name: "Limited bank history" });
  await expect(notice).toContainText("Demo Bank 90 days keeps only 90 days of history, so the first synchronization was limited to 90 days");
  await expect(notice).toContainText("Older transactions can be imported from a statement file.");
  await notice.getByRole("link", { name: "Import file" }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${made.accounts[0]!.id}/import$`));

  const today = toIsoDate(new Date());
  await page.goto(`/accounts/${made.accounts[0]!.id}/missing`);
  const within = addDays(today, -30);
  await page.getByLabel("Starting Date").fill(within);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${within}`));
  await expect(page.getByRole("note", { name: "Limited bank history" })).toHaveCount(0);

  await page.getByLabel("Starting Date").fill(addDays(today, -200));
  await page.getByRole("button", { name: "Search" }).click();
  const searchNotice = page.getByRole("note", { name: "Limited bank history" });
  await expect(searchNotice).toContainText("Demo Bank 90 days keeps only 90 days of history: only the last 90 days can be searched");
  await expect(searchNotice.getByRole("link", { name: "Import file" })).toHaveAttribute("href", `/accounts/${made.accounts[0]!.id}/import`);
});

test("Settings names no environment variable outside developer mode: the administrator is asked instead", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  const providers = page.getByRole("region", { name: "Providers" });
  await expect(providers.getByRole("row").filter({ hasText: "SimpleFIN Bridge" })).toContainText("Not configured — ask your administrator");
  await expect(page.getByRole("region", { name: "Automatic synchronization" })).toBeVisible();
  expect(await page.locator("main").innerText()).not.toMatch(/[A-Z]{3,}_[A-Z_]{2,}/);

  await setDeveloperMode(true);
  await page.reload();
  await expect(providers.getByRole("row").filter({ hasText: "SimpleFIN Bridge" })).toContainText("SIMPLEFIN_ENABLED");
});

test("the duplicates page tells lines apart by their source, not by raw online ids, which only developer mode shows", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: `sources-${Date.now()}` });
  const made = await connectionJustMade(page);
  const fileId = `file:ffba${Date.now().toString(16)}`;
  const { accountId, bankLine } = await withE2eDb(async (sql) => {
    const [account] = await sql<{ id: string; company_id: string }[]>`
      select id, company_id from bank_accounts where connection_id = ${made.id} and currency = 'EUR' order by name limit 1`;
    const [newest] = await sql<{ online_transaction_id: string; booking_date: string; amount: string }[]>`
      select online_transaction_id, booking_date::text, amount::text from transactions where bank_account_id = ${account!.id} order by booking_date desc, id desc limit 1`;
    const [file] = await sql<{ id: string }[]>`
      insert into statement_imports (company_id, bank_account_id, file_name, format, status)
      values (${account!.company_id}, ${account!.id}, 'november-statement.ofx', 'ofx', 'committed') returning id`;
    await sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source, statement_import_id)
      values (${account!.id}, ${fileId}, ${newest!.booking_date}, ${newest!.amount}, 'EUR', 'Same line from the statement', 'file', ${file!.id})`;
    return { accountId: account!.id, bankLine: newest! };
  });

  await page.goto(`/accounts/${accountId}/duplicates`);
  const group = page.getByRole("region").filter({ hasText: "Same line from the statement" });
  await expect(group).toContainText("Imported from the file november-statement.ofx");
  await expect(group).toContainText("From the bank: Demo Bank");
  const text = await page.locator("main").innerText();
  expect(text).not.toContain(fileId);
  expect(text).not.toContain(bankLine.online_transaction_id);

  await setDeveloperMode(true);
  await page.reload();
  await expect(group).toContainText(`Online id ${fileId}`);
});
