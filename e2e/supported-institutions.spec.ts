/**
 * The seed's "See list of supported institutions": the whole directory for anyone, signed
 * in or not, searchable, with each bank's marks; linked from Connect bank; and a setting
 * that turns it off (a production server started with SUPPORTED_INSTITUTIONS_PAGE=off).
 */
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { freshDatabase, randomSecret, startProductionServer } from "./support/production-server";

test("a signed-out visitor lists the supported institutions, narrows them by search and sees the Beta mark", async ({ page }) => {
  await page.goto("/institutions");
  await expect(page).toHaveURL(/\/institutions$/);
  await expect(page.getByRole("heading", { name: "Supported institutions" })).toBeVisible();
  const table = page.getByRole("table", { name: "Supported institutions" });
  const rows = table.getByRole("row");
  await expect(rows.filter({ hasText: "Demo Bank MFA" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Demo Bank Manual Only" }).getByText("Manual refresh only")).toBeVisible();
  const before = await rows.count();
  expect(before).toBeGreaterThan(8);

  await page.getByRole("searchbox", { name: "Search" }).fill("demo bank b");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=demo\+bank\+b/);
  // "Demo Bank Beta" and "Demo Bank Bulk", nothing else.
  await expect(rows).toHaveCount(3);
  const beta = rows.filter({ hasText: "Demo Bank Beta" });
  await expect(beta.getByText("Beta", { exact: true })).toBeVisible();
  await expect(beta.getByText(/\d+ days/)).toBeVisible();
  await expect(rows.filter({ hasText: "Demo Bank Bulk" }).getByText("Beta", { exact: true })).toHaveCount(0);
  await expect(page.getByText("2 institutions", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(rows).toHaveCount(before);
});

test("Connect bank links to the list of supported institutions", async ({ page }) => {
  await signIn(page);
  await page.goto("/connect");
  await page.getByRole("link", { name: "See list of supported institutions" }).click();
  await expect(page.getByRole("heading", { name: "Supported institutions" })).toBeVisible();
});

test.describe("a server that turned the list off", () => {
  test.describe.configure({ timeout: 180_000 });

  test("answers 404 for the page", async () => {
    const databaseUrl = await freshDatabase("openbanksync_institutions_off");
    const server = await startProductionServer((baseUrl) => ({
      DATABASE_URL: databaseUrl, AUTH_SECRET: randomSecret(), TOKEN_ENCRYPTION_KEY: randomSecret(), AUTH_URL: baseUrl,
      BACKGROUND_SYNC: "off", SUPPORTED_INSTITUTIONS_PAGE: "off",
    }));
    try {
      const response = await fetch(`${server.baseUrl}/institutions`, { redirect: "manual" });
      expect(response.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
