import { expect, test } from "@playwright/test";
import { ADMIN, ENGLISH_CONNECT_LABELS as L, signIn, pageAlert } from "./fixtures";
import { withE2eDb } from "./support/database";

test("every page finds its favicon and app icons, signed out and signed in", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/login");
  for (const path of ["/favicon.ico", "/icon.svg", "/apple-icon.png"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^image\//);
  }
  await expect(page.locator('link[rel="icon"]').first()).toHaveCount(1);
  await signIn(page, ADMIN);
  await page.goto("/settings");
  expect(missing).toEqual([]);
});

test("the consent box stays as Connect sees it after a failed Connect", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/connect");
  await page.getByLabel(L.search).fill("Demo Bank Unavailable");
  await page.getByRole("button", { name: /^Demo Bank Unavailable \(FR\)/ }).click();
  const consent = page.getByRole("checkbox", { name: L.consent });
  const connect = page.getByRole("button", { name: L.connect, exact: true });
  await consent.check();
  await connect.click();
  await expect(pageAlert(page)).toContainText("The bank is not available at the moment.");
  // Ticked and enabled, or neither: never an unticked box beside an enabled Connect.
  await expect(consent).toBeChecked();
  await expect(connect).toBeEnabled();
  await consent.uncheck();
  await expect(connect).toBeDisabled();
});

test("the account picker says what it is for, visibly; one balance check reads as a value", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/connect");
  await page.getByLabel(L.search).fill("Demo Bank");
  await page.getByRole("button", { name: /^Demo Bank \(DE\)/ }).click();
  await page.getByRole("checkbox", { name: L.consent }).check();
  await page.getByRole("button", { name: L.connect, exact: true }).click();
  await page.getByLabel(L.username).fill(`picker-${Date.now()}`);
  await page.getByLabel(L.password).fill("secret");
  await page.getByRole("button", { name: L.continue }).click();
  await page.getByRole("button", { name: L.allow }).click();

  const picker = page.getByLabel("Synchronize Business Current Account into");
  await expect(picker).toBeVisible();
  const label = page.getByText("Synchronize Business Current Account into", { exact: true });
  // Not a screen-reader-only label: it takes room on the page.
  expect((await label.boundingBox())!.width).toBeGreaterThan(100);

  await page.getByRole("button", { name: L.confirm }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toBeVisible({ timeout: 60_000 });
  // The account just connected (other journeys connect Demo Bank too).
  const [account] = await withE2eDb((sql) => sql<{ id: string }[]>`select id from bank_accounts where name = 'Business Current Account' order by created_at desc limit 1`);
  await page.goto(`/accounts/${account!.id}`);
  const single = page.getByTestId("balance-single-check");
  await expect(single).toContainText("One check so far");
  await expect(single).toContainText(/€[\d,]+\.\d{2}/);
  await expect(page.getByTestId("balance-chart")).toHaveCount(0);
});
