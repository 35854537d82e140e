/** Shared steps of the user journeys. */
import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "demo1234" };
export const USER = { email: "user@example.com", password: "demo1234" };
/** Seeded by scripts/e2e-server.ts: a company with no bank account yet. */
export const EMPTY = { email: "empty@example.com", password: "demo1234" };

export async function signIn(page: Page, who: { email: string; password: string } = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

/** Connects a Sandbox bank from the dashboard, through its consent page, with every account. */
/**
 * Connects a Sandbox bank through its consent pages. By default waits for "Bank connected.";
 * pass `awaitConnected: false` when the first synchronization stops for something else
 * (a security code) or runs elsewhere.
 */
export async function connectSandboxBank(
  page: Page,
  bank: { name: string; country: string; username: string; password?: string },
  { awaitConnected = true }: { awaitConnected?: boolean } = {},
) {
  await page.goto("/");
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill(bank.name);
  await page.getByRole("button", { name: new RegExp(`^${bank.name} \\(${bank.country}\\)`) }).click();
  await page.getByRole("checkbox", { name: /I agree/ }).check();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("Username").fill(bank.username);
  await page.getByLabel("Password").fill(bank.password ?? "secret");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Allow access" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  if (awaitConnected) await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toBeVisible({ timeout: 60_000 });
}
