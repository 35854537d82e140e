import { expect, test, type Page } from "@playwright/test";
import postgres from "postgres";
import { ADMIN, USER, connectSandboxBank, pageAlert, signIn } from "./fixtures";
import { e2eDatabaseUrl, withE2eDb } from "./support/database";

const PORT = Number(process.env.E2E_PORT ?? 3100);

test("an admin in developer mode troubleshoots a connection: log, error reference, update credentials, automatic sync, delete", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank Manual Only", country: "DE", username: "dev-mode-e2e" });

  await page.getByRole("button", { name: /Ada Admin|admin@example.com/ }).click();
  await page.getByRole("menuitem", { name: "Activate developer mode" }).click();
  await expect(page.getByRole("menuitem", { name: "Deactivate developer mode" })).toBeVisible();
  await page.getByRole("menuitem", { name: "Online Synchronization" }).click();
  await expect(page.getByRole("heading", { name: "Online Synchronization" })).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: "Demo Bank Manual Only" });
  await expect(row).toContainText("Active");
  await row.getByRole("link", { name: "Demo Bank Manual Only" }).click();
  const log = page.getByRole("list", { name: "Connection log" });
  const finished = log.getByRole("listitem").filter({ hasText: "Synchronization finished" });
  await expect(finished).toHaveCount(1);
  // A fetch from this page shows up in its log and its runs table at once.
  await page.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(page.getByRole("status").filter({ hasText: /transaction/ })).toBeVisible();
  await expect(finished).toHaveCount(2);
  await expect(finished.first()).toContainText("Synchronization finished: No new transactions");
  await expect(page.getByRole("row").filter({ hasText: "Fetch Transactions" }).filter({ hasText: "Succeeded" })).toHaveCount(1);

  // The bank fails: the page says what went wrong, with a reference to copy for support.
  const sql = postgres(e2eDatabaseUrl(PORT), { max: 1 });
  try {
    await sql`update sandbox_connections set simulated_failure = 'bank_error' where username = 'dev-mode-e2e'`;
  } finally {
    await sql.end();
  }
  await page.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(page.getByRole("status").filter({ hasText: /internal error/ })).toBeVisible();
  await page.reload();
  const error = page.getByRole("region", { name: "Error" });
  await expect(error).toContainText("internal error");
  const reference = (await error.locator("code").first().textContent())!;
  expect(reference).toMatch(/^OBS-/);
  await error.getByRole("button", { name: "Copy" }).click();
  await expect(error.getByRole("status")).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(reference);
  expect(copied).toMatch(/Client id: cl_/);

  // Update Credentials: a new consent, every account synchronized so far ticked again.
  await page.getByRole("button", { name: "Update Credentials" }).click();
  // The bank knows whose login this is: only the password is asked again.
  await expect(page.getByLabel("Username")).toHaveValue("dev-mode-e2e");
  await page.getByLabel("Password").fill("secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  const boxes = page.getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThan(0);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // Automatic synchronization off, confirmed in the log.
  await page.goto("/settings/online-synchronization");
  await page.getByRole("row").filter({ hasText: "Demo Bank Manual Only" }).getByRole("link").click();
  await page.getByRole("switch", { name: "Automatic synchronization" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Automatic synchronization is off." })).toBeVisible();
  await expect(log).toContainText("Automatic synchronization turned off");

  // Delete: the bank revokes but keeps its record; then delete here. The transactions stay.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The consent was revoked" })).toContainText("keeps a record");
  await expect(page.getByText("Delete the connection to Demo Bank Manual Only here?")).toBeVisible();
  await page.getByRole("button", { name: "Confirm delete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The connection was deleted" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Demo Bank Manual Only" })).toHaveCount(0);

  await page.goto("/");
  const card = page.getByRole("article").filter({ hasText: "Demo Bank Manual Only" }).first();
  await expect(card).toContainText("Not synchronized");
  await card.getByRole("link").first().click();
  await expect(page.getByRole("table")).toBeVisible();
  expect(await page.getByRole("row").count()).toBeGreaterThan(1);

  await page.getByRole("button", { name: /Ada Admin|admin@example.com/ }).click();
  await page.getByRole("menuitem", { name: "Deactivate developer mode" }).click();
  // The switch is a server action: leaving the page before it answers would cancel it.
  await expect(page.getByRole("menuitem", { name: "Activate developer mode" })).toBeVisible();
  // A fresh load shows what the server stored, before the pages are asked for.
  await page.reload();
  await page.getByRole("button", { name: /Ada Admin|admin@example.com/ }).click();
  await expect(page.getByRole("menuitem", { name: "Activate developer mode" })).toBeVisible();
  await page.goto("/settings/online-synchronization");
  await expect(page.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
});

/**
 * Developer mode on for the admin, then the Online Synchronization page. The switch is set in
 * the database: the first test covers the menu, and these tests are about the connection.
 */
async function activateDeveloperMode(page: Page) {
  await withE2eDb((sql) => sql`update users set developer_mode = true where email = ${ADMIN.email}`);
  await page.goto("/settings/online-synchronization");
  await expect(page.getByRole("heading", { name: "Online Synchronization" })).toBeVisible();
}

test("Reconnect after the bank asks for a new sign-in: a refused sign-in says what to send to support, then a good one repairs it", async ({ page }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: "dev-mode-reconnect" });
  const sql = postgres(e2eDatabaseUrl(PORT), { max: 1 });
  try {
    await sql`update sandbox_connections set simulated_failure = 'login_required' where username = 'dev-mode-reconnect'`;
  } finally {
    await sql.end();
  }
  await activateDeveloperMode(page);
  // Newest synchronization first: the connection this test has just made heads the list.
  const newest = page.getByRole("row").nth(1);
  await expect(newest).toContainText("Demo Bank");
  await newest.getByRole("link").click();
  const clientId = (await page.locator("dd code").first().textContent())!;
  expect(clientId).toMatch(/^cl_/);

  await page.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "did not accept the username or password" })).toBeVisible();
  await page.goto("/settings/online-synchronization");
  await page.getByRole("navigation", { name: "Filter by state" }).getByRole("link", { name: "Error" }).click();
  await page.getByRole("row").filter({ hasText: clientId }).getByRole("link").click();

  // The bank refuses the password: the Connect bank page says so, with the reference and client id.
  await page.getByRole("button", { name: "Reconnect" }).click();
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
  await expect(pageAlert(page)).toContainText("did not accept the username or password");
  const support = page.getByText("send this to support");
  await expect(support).toContainText(clientId);
  await expect(support.locator("code").first()).toHaveText(/^OBS-/);

  // A good sign-in: every account is still ticked, and the connection is active again.
  await page.goto("/settings/online-synchronization?state=error");
  await page.getByRole("row").filter({ hasText: clientId }).getByRole("link").click();
  await expect(page.getByRole("list", { name: "Connection log" })).toContainText("did not accept the username or password");
  await page.getByRole("button", { name: "Reconnect" }).click();
  await page.getByLabel("Password").fill("secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  for (const box of await page.getByRole("checkbox").all()) await expect(box).toBeChecked();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/settings/online-synchronization?state=active");
  await page.getByRole("row").filter({ hasText: clientId }).getByRole("link").click();
  await expect(page.getByRole("list", { name: "Connection log" }).getByRole("listitem").filter({ hasText: "Reconnect started" })).toHaveCount(2);

  // Past synchronizations: every run of the company, the failed fetch among them.
  await page.getByRole("link", { name: "Online Synchronization" }).first().click();
  await page.getByRole("link", { name: "Past synchronizations" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Fetch Transactions" }).filter({ hasText: "Failed" }).first()).toBeVisible();
});

test("a user-role member gets 403 on the Online Synchronization pages", async ({ page }) => {
  await signIn(page, USER);
  for (const path of ["/settings/online-synchronization", "/settings/online-synchronization/runs"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You cannot open this page" })).toBeVisible();
  }
  await page.getByRole("button", { name: /Ulysses User/ }).click();
  await expect(page.getByRole("menuitem", { name: "Activate developer mode" })).toHaveCount(0);
});

test("Refuse at the bank: the connection says Consent refused with automatic sync off, and Connect again completes it", async ({ page }) => {
  // Two consent flows and a first synchronization.
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto("/");
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill("Demo Bank");
  await page.getByRole("button", { name: /^Demo Bank \(DE\)/ }).click();
  await page.getByRole("checkbox", { name: /I agree/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("Username").fill("refused-e2e");
  await page.getByRole("button", { name: "Refuse" }).click();
  await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
  await expect(pageAlert(page)).toContainText("Access was refused on the bank's page");

  await activateDeveloperMode(page);
  await page.getByRole("navigation", { name: "Filter by state" }).getByRole("link", { name: "Consent refused" }).click();
  await expect(page).toHaveURL(/state=refused/);
  await page.getByRole("row").filter({ hasText: "Demo Bank" }).first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Demo Bank", level: 1 })).toBeVisible();
  await expect(page.locator("dd").getByText("Consent refused", { exact: true })).toBeVisible();
  await expect(page.getByRole("switch", { name: "Automatic synchronization" })).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("button", { name: "Update Credentials" })).toHaveCount(0);
  const clientId = (await page.locator("dd code").first().textContent())!;

  // Connect again: a new consent on the same connection, not a dead end.
  await page.getByRole("button", { name: "Connect again" }).click();
  await page.getByLabel("Username").fill("refused-e2e");
  await page.getByLabel("Password").fill("secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toBeVisible({ timeout: 60_000 });
  await page.goto("/settings/online-synchronization?state=active");
  await page.getByRole("row").filter({ hasText: clientId }).getByRole("link").click();
  await expect(page.getByRole("switch", { name: "Automatic synchronization" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("list", { name: "Connection log" })).toContainText("Connect again started");
});
