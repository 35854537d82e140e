import { expect, test, type Page } from "@playwright/test";
import { PLAID_MOCK_PORT } from "../playwright.config";
import { ADMIN, signIn, pageAlert } from "./fixtures";

// Our Plaid Link page (app/(app)/connect/plaid) in a browser, with the Plaid adapter
// against its contract mock (playwright.config.ts starts it). Link itself is Plaid's CDN
// script, out of reach here: the spec stands in for it with a stub that answers the way
// Link does, through the page's own onSuccess / onExit callbacks.
const LINK_SCRIPT = "https://cdn.plaid.com/link/v2/stable/link-initialize.js";
// A made-up address on Plaid's host that the stub asks for a public token; answered below.
const PUBLIC_TOKEN_URL = "https://cdn.plaid.com/__e2e/public-token";
const MOCK = `http://127.0.0.1:${PLAID_MOCK_PORT}`;
const BANK = "Prairie Mock Credit Union";

type LinkExit = { error_code: string; display_message: string } | null;

/** The stub's open(): succeed with a real public token, or exit as Link would. */
function linkStub(outcome: { exit: LinkExit } | "success"): string {
  const open = outcome === "success"
    ? `fetch(${JSON.stringify(PUBLIC_TOKEN_URL)} + "?link_token=" + encodeURIComponent(config.token))
        .then((response) => response.json())
        .then((body) => config.onSuccess(body.public_token, {}));`
    : `setTimeout(() => config.onExit(${JSON.stringify(outcome.exit)}, {}), 0);`;
  return `window.Plaid = { create(config) { return { open() { ${open} }, destroy() {} }; } };`;
}

async function standInForLink(page: Page, outcome: { exit: LinkExit } | "success") {
  await page.route(LINK_SCRIPT, (route) => route.fulfill({ contentType: "application/javascript", body: linkStub(outcome) }));
  await page.route((url) => url.href.startsWith(`${PUBLIC_TOKEN_URL}?`), async (route) => {
    // The user finishing Link: the mock's stand-in creates the Item and hands back a public
    // token in its redirect. The callback there only carries the token to us.
    const linkToken = new URL(route.request().url()).searchParams.get("link_token") ?? "";
    const standIn = new URL("/link/stand-in", MOCK);
    standIn.search = new URLSearchParams({ link_token: linkToken, callback: "http://e2e.invalid/", state: "e2e" }).toString();
    const answer = await fetch(standIn, { redirect: "manual" });
    const publicToken = new URL(answer.headers.get("location") ?? "http://e2e.invalid/").searchParams.get("public_token");
    if (answer.status !== 302 || !publicToken) {
      await route.fulfill({ status: 500, body: `Link stand-in answered ${answer.status}` });
      return;
    }
    // The page's origin is ours, not Plaid's: a cross-origin fetch needs this to be read.
    await route.fulfill({ json: { public_token: publicToken }, headers: { "access-control-allow-origin": "*" } });
  });
}

async function startPlaidConnection(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: "Connect bank" }).first().click();
  await page.getByLabel("Search for an institution").fill("Prairie Mock");
  await page.getByRole("button", { name: new RegExp(`^${BANK} \\(US\\)`) }).click();
  const form = page.getByRole("form", { name: `Connect ${BANK}` });
  await expect(form.locator("#provider")).toHaveText("Plaid");
  await form.getByRole("checkbox", { name: /I agree that OpenBankSync retrieves .* through Plaid/ }).check();
  await form.getByRole("button", { name: "Connect", exact: true }).click();
}

const bankCards = (page: Page) => page.getByRole("article").filter({ hasText: BANK });

test("connect a bank through Plaid Link, fetch again without duplicates, pending kept apart", async ({ page }) => {
  await standInForLink(page, "success");
  await signIn(page, ADMIN);
  await startPlaidConnection(page);

  await expect(page.getByRole("heading", { name: "Select accounts to synchronize" })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(1);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Bank connected." })).toContainText("3 new transactions", { timeout: 60_000 });

  const card = bankCards(page).first();
  await card.getByRole("button", { name: "Fetch Transactions" }).click();
  await expect(card.getByRole("status")).toHaveText("No new transactions");

  await card.getByRole("link").first().click();
  const books = page.getByRole("table", { name: "Transactions, newest first", exact: true });
  for (const posted of ["ACH Deposit Invoice 3107", "Hardware store", "Parking meter"]) await expect(books).toContainText(posted);
  await expect(books).not.toContainText("Diner card hold");
  await expect(page.getByRole("table", { name: /^Pending transactions/ })).toContainText("Diner card hold");
});

for (const { title, exit, message } of [
  {
    title: "the bank being down in Link",
    exit: { error_code: "INSTITUTION_DOWN", display_message: "This bank is experiencing technical difficulties." },
    message: "The bank is not available at the moment. Try again later.",
  },
  { title: "the user leaving Link", exit: null, message: "Plaid Link was closed before the bank was connected." },
]) {
  test(`${title} says so on the Connect bank page and connects nothing`, async ({ page }) => {
    await standInForLink(page, { exit });
    await signIn(page, ADMIN);
    const cardsBefore = await bankCards(page).count();
    await startPlaidConnection(page);

    await expect(page.getByRole("heading", { name: "Connect bank" })).toBeVisible();
    await expect(pageAlert(page)).toHaveText(message);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(bankCards(page)).toHaveCount(cardsBefore);
  });
}

test("why Link stopped reads in Indonesian too, with Plaid's own words kept as they came", async ({ page }) => {
  const words = "No eligible accounts were found at this bank.";
  await standInForLink(page, { exit: { error_code: "NO_ACCOUNTS", display_message: words } });
  await signIn(page, ADMIN);
  await startPlaidConnection(page);
  const alert = pageAlert(page);
  await expect(alert).toHaveText(`Plaid Link stopped: ${words}`);

  // The same failure for a reader who chose Bahasa Indonesia (the language cookie the user menu also sets).
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "id", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Hubungkan bank" })).toBeVisible();
  await expect(alert).toHaveText(`Plaid Link berhenti: ${words}`);
});
