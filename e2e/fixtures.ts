/** Shared steps of the user journeys. */
import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "demo1234" };
export const USER = { email: "user@example.com", password: "demo1234" };
/** Seeded by scripts/e2e-server.ts: a company with no bank account yet. */
export const EMPTY = { email: "empty@example.com", password: "demo1234" };

/**
 * The page's alert with words in it. Next's route announcer is an empty role="alert" too, and it
 * appears once the router has hydrated, so a bare getByRole("alert") sometimes finds two.
 */
export function pageAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

export async function signIn(page: Page, who: { email: string; password: string } = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

/** The labels the connect journey clicks: Connect bank, the Sandbox bank's consent page, Select accounts. */
export type ConnectLabels = {
  connectLink: string; search: string; consent: RegExp; connect: string;
  username: string; password: string; continue: string; allow: string; confirm: string;
};
export const ENGLISH_CONNECT_LABELS: ConnectLabels = {
  connectLink: "Connect bank", search: "Search for an institution", consent: /I agree/, connect: "Connect",
  username: "Username", password: "Password", continue: "Continue", allow: "Allow access", confirm: "Confirm",
};

/** Connects a Sandbox bank from the dashboard, through its consent page, with every account. */
/**
 * Connects a Sandbox bank through its consent pages. By default waits for "Bank connected.";
 * pass `awaitConnected: false` when the first synchronization stops for something else
 * (a security code) or runs elsewhere, and the labels of the dashboard's link and of the
 * bank's consent page when they are not in English.
 */
export async function connectSandboxBank(
  page: Page,
  bank: { name: string; country: string; username: string; password?: string },
  { awaitConnected = true, labels = ENGLISH_CONNECT_LABELS }: { awaitConnected?: boolean; labels?: ConnectLabels } = {},
) {
  await page.goto("/");
  await page.getByRole("link", { name: labels.connectLink }).first().click();
  await page.getByLabel(labels.search).fill(bank.name);
  await page.getByRole("button", { name: new RegExp(`^${bank.name} \\(${bank.country}\\)`) }).click();
  await page.getByRole("checkbox", { name: labels.consent }).check();
  await page.getByRole("button", { name: labels.connect, exact: true }).click();
  await page.getByLabel(labels.username).fill(bank.username);
  await page.getByLabel(labels.password).fill(bank.password ?? "secret");
  await page.getByRole("button", { name: labels.continue }).click();
  await page.getByRole("button", { name: labels.allow }).click();
  await page.getByRole("button", { name: labels.confirm }).click();
  if (awaitConnected) await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toBeVisible({ timeout: 60_000 });
}
