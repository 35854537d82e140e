import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { generateStatementCsv } from "../lib/import/testing/generated-csv";
import { sumDecimals } from "../lib/money";
import { ADMIN, signIn } from "./fixtures";
import { withE2eDb } from "./support/database";
import { addManualAccount } from "./support/manual-account";

test("Import file: a 100,000-row CSV is previewed and imported beside other accounts' lines, with every line and cent in the export", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  const { accountPath } = await addManualAccount(page);
  const accountId = accountPath.split("/").at(-1)!;
  // Another account of the company already holds 30,000 lines over the same years.
  await withE2eDb(async (sql) => {
    const [other] = await sql<{ id: string }[]>`
      insert into bank_accounts (company_id, name, account_number, currency)
      select company_id, 'Other lines', 'OTHER-' || gen_random_uuid(), 'EUR' from bank_accounts where id = ${accountId}
      returning id`;
    await sql`
      insert into transactions (bank_account_id, online_transaction_id, booking_date, amount, currency, description, source)
      select ${other!.id}, 'other-' || i, date '2022-01-01' + (i % 1095), -(i % 2000) - 0.01, 'EUR', 'Other ' || i, 'sync'
      from generate_series(1, 30000) i`;
  });

  const csv = generateStatementCsv(100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openbanksync-e2e-csv-"));
  const file = path.join(dir, "umsaetze-2022-2024.csv");
  fs.writeFileSync(file, csv.text);
  try {
    await page.goto(`${accountPath}/import`);
    await page.getByLabel("Statement file").setInputFiles(file);
    await expect(page.getByRole("heading", { name: "CSV columns" })).toBeVisible();
    await expect(page.getByText("Decimal comma: amounts like")).toBeVisible();
    await expect(page.getByLabel("Date format")).toHaveValue("DD.MM.YYYY");
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByText("100000 transactions in the file for this account.")).toBeVisible({ timeout: 150_000 });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByText("100000 transactions imported.")).toBeVisible({ timeout: 150_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const exported = await page.request.get(`${accountPath}/export`);
  expect(exported.status()).toBe(200);
  const rows = Papa.parse<Record<string, string>>(await exported.text(), { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(csv.count);
  expect(sumDecimals(rows.map((row) => row.Amount!))).toBe(csv.sum);
});

test("Import file: a binary file is refused before any mapping, and a mapping that reads no row cannot be uploaded", async ({ page }) => {
  await signIn(page, ADMIN);
  const { accountPath } = await addManualAccount(page);
  await page.goto(`${accountPath}/import`);

  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from("IHDR\n")]);
  await page.getByLabel("Statement file").setInputFiles({ name: "statement.csv", mimeType: "text/csv", buffer: png });
  await expect(page.getByText("Nothing was imported. Line 2: the file holds a control character (U+001A)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "CSV columns" })).toHaveCount(0);

  const dutch = "Datum;Bedrag;Omschrijving\n13-01-2024;-2,56;Koffie\n14-01-2024;10,00;Terugbetaling\n";
  await page.getByLabel("Statement file").setInputFiles({ name: "ing.csv", mimeType: "text/csv", buffer: Buffer.from(dutch) });
  await expect(page.getByRole("heading", { name: "CSV columns" })).toBeVisible();
  await expect(page.getByText("Decimal comma: amounts like “-2,56”.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "2024-01-13 · -2.56 EUR" })).toBeVisible();
  await page.getByLabel("Date format").selectOption("YYYY-MM-DD");
  await expect(page.getByText("None of the first rows can be read with these columns")).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload and preview" })).toBeDisabled();
  await page.getByLabel("Date format").selectOption("DD-MM-YYYY");
  await expect(page.getByRole("button", { name: "Upload and preview" })).toBeEnabled();
});

test("Edit account: a bank's own account number and a name are kept; the currency stays once the account has lines", async ({ page }) => {
  await signIn(page, ADMIN);
  const { accountPath } = await addManualAccount(page);
  await page.getByRole("link", { name: "Edit account" }).click();
  await expect(page.getByRole("heading", { name: "Edit account" })).toBeVisible();
  await page.getByLabel("Name").fill("Petty cash");
  await page.getByLabel("Account Number").fill("1452687~7");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto(accountPath);
  await expect(page.getByRole("heading", { name: "Petty cash" })).toBeVisible();

  await page.goto(`${accountPath}/import`);
  const csv = "Datum;Bedrag;Omschrijving\n13-01-2024;-2,56;Koffie\n";
  await page.getByLabel("Statement file").setInputFiles({ name: "kas.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("1 transaction imported.")).toBeVisible();
  await page.goto(`${accountPath}/edit`);
  await expect(page.getByText("The account has transactions, so its currency stays EUR.")).toBeVisible();
});
