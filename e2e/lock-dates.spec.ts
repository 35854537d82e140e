import { expect, test, type Page } from "@playwright/test";
import { ADMIN, USER, signIn } from "./fixtures";

// Far in the past, so the other journeys' syncs in the same run are not cut short by it.
const LOCK_DATE = "2001-12-31";

async function signInAs(page: Page, who: typeof ADMIN) {
  // Leave the page first: a prefetch still in flight would set the old session's cookie
  // again after it is cleared, and /login would send us back to that user's dashboard.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await signIn(page, who);
  await page.goto("/settings");
  return page.getByRole("region", { name: "Lock dates" });
}

test("an admin sets the Lock Everything date; a user sees it read-only", async ({ page }) => {
  let section = await signInAs(page, ADMIN);
  await section.getByLabel("Lock Everything").fill("2999-01-01");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("The lock date cannot be in the future")).toBeVisible();

  await section.getByLabel("Lock Everything").fill(LOCK_DATE);
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved: everything on or before 31 Dec 2001 is locked.");
  await expect(section.getByLabel("Lock Everything")).toHaveValue("31 Dec 2001");
  await page.reload();
  await expect(section.getByLabel("Lock Everything")).toHaveValue("31 Dec 2001");

  section = await signInAs(page, USER);
  await expect(section.getByLabel("Lock Everything")).toHaveValue("31 Dec 2001");
  await expect(section.getByLabel("Lock Everything")).not.toBeEditable();
  await expect(section.getByText("Only administrators can change the lock date.")).toBeVisible();
  await expect(section.getByRole("button", { name: "Save" })).toHaveCount(0);

  section = await signInAs(page, ADMIN);
  await section.getByLabel("Lock Everything").fill("");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved: no lock date.");
});
