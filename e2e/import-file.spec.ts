import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN, USER, signIn } from "./fixtures";
import { addManualAccount, statementFor } from "./support/manual-account";

test("Import file: an OFX statement is previewed, imported into a manual account, and a second import adds nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  const { iban, accountPath } = await addManualAccount(page);

  // A file for another account is refused and imports nothing.
  await page.goto(`${accountPath}/import`);
  await expect(page.getByRole("heading", { name: "Import file" })).toBeVisible();
  await page.getByLabel("Statement file").setInputFiles(statementFor("DE02120300000000202051"));
  await expect(page.getByText("Nothing was imported. This file is for account DE02120300000000202051, not for this bank account")).toBeVisible();

  await page.getByLabel("Statement file").setInputFiles(statementFor(iban));
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByTestId("preview-new")).toHaveText("3");
  await expect(page.getByTestId("preview-already-present")).toHaveText("0");
  await expect(page.getByTestId("preview-possible-duplicates")).toHaveText("0");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("3 transactions imported.")).toBeVisible();

  await page.getByRole("link", { name: "See the transactions" }).click();
  await expect(page).toHaveURL(new RegExp(`${accountPath}$`));
  for (const text of ["Salary February", "Rent February", "Team lunch"]) await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText("No transactions yet")).toHaveCount(0);

  await page.goto(`${accountPath}/import`);
  await page.getByLabel("Statement file").setInputFiles(statementFor(iban));
  await expect(page.getByTestId("preview-new")).toHaveText("0");
  await expect(page.getByTestId("preview-already-present")).toHaveText("3");
  await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await expect(page.getByText("There is nothing new to import from this file.")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("Import cancelled; nothing was imported.")).toBeVisible();
});

test("Import file: a CSV gets a column mapping step with the first rows read, and the mapping is remembered for the account", async ({ page: adminPage, browser }) => {
  const csv = { name: "maerz.csv", mimeType: "text/csv", buffer: fs.readFileSync(new URL("./fixtures/import-statement.csv", import.meta.url)) };
  await signIn(adminPage, ADMIN);
  const { accountPath } = await addManualAccount(adminPage);
  // A user-role member of the company imports too.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, USER);
  await page.goto(`${accountPath}/import`);
  await page.getByLabel("Statement file").setInputFiles(csv);
  await expect(page.getByRole("heading", { name: "CSV columns" })).toBeVisible();
  // Guessed from the German headers: date, amount with decimal comma, partner, currency.
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("0");
  await expect(page.getByLabel("Date format")).toHaveValue("DD.MM.YYYY");
  await expect(page.getByLabel("Decimal separator")).toHaveValue(",");
  await expect(page.getByRole("cell", { name: "2024-03-06 · 1190.00 EUR" })).toBeVisible();

  await page.getByLabel("Date format").selectOption("MM/DD/YYYY");
  await expect(page.getByRole("cell", { name: '"04.03.2024" is not a date in the format MM/DD/YYYY.' })).toBeVisible();
  await page.getByLabel("Date format").selectOption("DD.MM.YYYY");
  await page.getByLabel("Leave out rows where").selectOption({ label: "Info" });
  await page.getByLabel("… equals").fill("Umsatz vorgemerkt");
  await expect(page.getByRole("cell", { name: "left out" })).toHaveCount(1);
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByTestId("preview-new")).toHaveText("3");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("3 transactions imported.")).toBeVisible();
  await page.getByRole("link", { name: "See the transactions" }).click();
  for (const text of ["Coffee beans", "Invoice 2024-117", "Office chairs"]) await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText("Card payment")).toHaveCount(0);

  await page.goto(`${accountPath}/import`);
  await page.getByLabel("Statement file").setInputFiles(csv);
  await expect(page.getByLabel("… equals")).toHaveValue("Umsatz vorgemerkt");
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByTestId("preview-new")).toHaveText("0");
  await expect(page.getByTestId("preview-already-present")).toHaveText("3");
});

test("Import file: a 100,000-line statement (over 10 MB) is read with a progress indicator and imported whole", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, ADMIN);
  const { iban, accountPath } = await addManualAccount(page);
  const lines = Array.from({ length: 100_000 }, (_, i) => {
    const day = `2023${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}`;
    return `<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>${day}\n<TRNAMT>-${i % 500}.${String(i % 100).padStart(2, "0")}\n<FITID>BIG-${i}\n<NAME>Shop ${i}\n<MEMO>Purchase number ${i}\n</STMTTRN>`;
  });
  const header = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<STMTRS>\n<CURDEF>EUR\n<BANKACCTFROM>\n";
  const text = `${header}<ACCTID>${iban}\n</BANKACCTFROM>\n<BANKTRANLIST>\n${lines.join("\n")}\n</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n`;
  expect(text.length).toBeGreaterThan(10 * 1024 * 1024);

  await page.goto(`${accountPath}/import`);
  await page.getByLabel("Statement file").setInputFiles({ name: "2023.ofx", mimeType: "application/x-ofx", buffer: Buffer.from(text) });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await expect(page.getByText(/of 100,000 lines read$/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("100000 transactions in the file for this account.")).toBeVisible({ timeout: 120_000 });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("100000 transactions imported.")).toBeVisible({ timeout: 120_000 });
  await page.getByRole("link", { name: "See the transactions" }).click();
  // Newest first: 2023-12-28 is the latest day, and line 99959 the last of the file on it.
  await expect(page.getByText("Purchase number 99959", { exact: true })).toBeVisible();
});
