/**
 * The README's tour: a demo company with three Sandbox connections (one a Beta bank) and a
 * manual account, photographed on the dashboard, Online Synchronization and the supported
 * institutions page. Run by `npm run tour` (./playwright.config.ts); writes docs/tour/*.png.
 */
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, connectSandboxBank, signIn } from "../../e2e/fixtures";
import { withE2eDb } from "../../e2e/support/database";
import { addManualAccount } from "../../e2e/support/manual-account";

const shot = (name: string) => fileURLToPath(new URL(`../../docs/tour/${name}.png`, import.meta.url));

async function photograph(page: Page, name: string) {
  await page.waitForLoadState("load");
  await page.screenshot({ path: shot(name), fullPage: true });
}

test("tour screenshots", async ({ page, browser }) => {
  await signIn(page, ADMIN);
  await connectSandboxBank(page, { name: "Demo Bank", country: "DE", username: "tour-demo" });
  await connectSandboxBank(page, { name: "Demo Bank Beta", country: "US", username: "tour-beta" });
  await connectSandboxBank(page, { name: "Demo Bank Daily Limit", country: "GB", username: "tour-daily" });
  await addManualAccount(page);

  await page.goto("/");
  await expect(page.getByRole("list", { name: "Bank connections" }).getByRole("article")).toHaveCount(3);
  await photograph(page, "dashboard");

  await withE2eDb((sql) => sql`update users set developer_mode = true where email = ${ADMIN.email}`);
  await page.goto("/settings/online-synchronization");
  await expect(page.getByRole("heading", { name: "Online Synchronization" })).toBeVisible();
  await photograph(page, "online-synchronization");

  // The supported institutions page is public: photographed signed out. Skipped (and said so)
  // on a branch that does not have it yet, where the visitor lands on the sign-in page or a 404.
  const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const response = await visitor.goto("/institutions");
  if (response?.status() === 200 && new URL(visitor.url()).pathname === "/institutions") {
    await photograph(visitor, "institutions");
  } else {
    console.log(`No institutions.png: /institutions answered ${response?.status()} at ${new URL(visitor.url()).pathname}`);
  }
  await visitor.close();
});
