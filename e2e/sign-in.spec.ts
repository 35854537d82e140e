import { expect, test } from "@playwright/test";
import { EMPTY, USER, signIn, pageAlert } from "./fixtures";

test("an anonymous visitor is sent to the sign-in page and comes back after signing in", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});

test("signing in shows the dashboard with its empty state", async ({ page }) => {
  await signIn(page, EMPTY);
  await expect(page.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("No bank accounts yet")).toBeVisible();
  // The empty state's own way forward (the dashboard's header offers Connect bank too).
  await expect(page.locator("section").getByRole("link", { name: "Connect bank" })).toBeVisible();
});

test("a wrong password is refused without saying whether the email exists", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(pageAlert(page)).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(pageAlert(page)).toHaveText("Wrong email or password.");
});

test("signing out ends the session, even for a copy of its cookie", async ({ page, context }) => {
  await signIn(page, USER);
  const cookiesWhileSignedIn = await context.cookies();
  await page.getByRole("button", { name: /Ulysses User/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  // Someone who kept the old session cookie is not let back in.
  await context.addCookies(cookiesWhileSignedIn);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});
