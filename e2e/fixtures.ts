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
