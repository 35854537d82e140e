/**
 * The interface in Bahasa Indonesia and in English: a browser's language picks it, the
 * user menu changes it, and money and dates read as each reader writes them, from the
 * sign-in page through Connect bank and Select accounts to the dashboard.
 */
import { expect, test, type Page } from "@playwright/test";
import { deriveAccounts } from "../lib/sandbox/accounts";
import { findInstitution } from "../lib/sandbox/institutions";
import { ADMIN, connectSandboxBank, signIn, type ConnectLabels } from "./fixtures";
import { withE2eDb } from "./support/database";
import { statementFor } from "./support/manual-account";

/** A synchronized line with cents (interest, BUNGA) on the rupiah savings account of this bank login. */
async function interestWithCents(username: string): Promise<{ accountId: string; bookingDate: string; amount: string }> {
  const tabungan = deriveAccounts(findInstitution("demo_bank_central_asia")!, username, null).find((account) => account.kind === "savings")!;
  return withE2eDb(async (sql) => {
    const [line] = await sql<{ accountId: string; bookingDate: string; amount: string }[]>`
      select t.bank_account_id as "accountId", t.booking_date::text as "bookingDate", t.amount::text as amount
      from transactions t join bank_accounts a on a.id = t.bank_account_id
      where a.account_number = ${tabungan.accountNumber} and a.currency = 'IDR'
        and t.description = 'BUNGA' and t.amount::text !~ '\\.00+$'
      order by t.booking_date desc limit 1`;
    if (!line) throw new Error(`No BUNGA line with cents for ${username}`);
    return line;
  });
}

/** "123456.7800" as its digits: integer groups and the two decimals the stored amount has. */
function digits(amount: string): { groups: string[]; cents: string } {
  const [integer = "", fraction = ""] = amount.replace(/^-/, "").split(".");
  return { groups: integer.match(/\d{1,3}(?=(\d{3})*$)/g) ?? [], cents: fraction.slice(0, 2) };
}

/** The connect journey in Indonesian: Connect bank, the Sandbox bank's consent page, Select accounts. */
const INDONESIAN_CONNECT_LABELS: ConnectLabels = {
  connectLink: "Hubungkan bank", search: "Cari lembaga keuangan", consent: /Saya setuju OpenBankSync mengambil data rekening bank ini/, connect: "Hubungkan",
  username: "Nama pengguna", password: "Kata sandi", continue: "Lanjutkan", allow: "Izinkan akses", confirm: "Konfirmasi",
};

async function resetLanguage() {
  await withE2eDb((sql) => sql`update users set locale = null where email = ${ADMIN.email}`);
}

test.afterEach(resetLanguage);

async function openAccountTools(page: Page, label: string) {
  await page.getByRole("button", { name: label }).click();
}

/** Signs in on the Indonesian sign-in page. */
async function signInToIndonesian(page: Page) {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Kata sandi").fill(ADMIN.password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("heading", { name: "Dasbor" })).toBeVisible();
}

test.describe("in Bahasa Indonesia (a browser set to id-ID)", () => {
  test.use({ locale: "id-ID" });

  test("the sign-in page and its answers, and the Connect bank page, in Indonesian", async ({ page }) => {
    await page.goto("/login");
    await expect(page).toHaveTitle(/Masuk/);
    await expect(page.getByRole("heading", { name: "Masuk ke OpenBankSync" })).toBeVisible();
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Kata sandi").fill("not-the-password");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByText("Email atau kata sandi salah.")).toBeVisible();

    await signInToIndonesian(page);
    await page.getByRole("link", { name: "Hubungkan bank" }).first().click();
    await expect(page.getByRole("heading", { name: "Hubungkan bank" })).toBeVisible();
    await expect(page.getByLabel("Negara")).toContainText("Semua negara");
    await page.getByLabel("Cari lembaga keuangan").fill("Demo Bank Central Asia");
    await page.getByRole("button", { name: /^Demo Bank Central Asia \(ID\)/ }).click();
    const form = page.getByRole("form", { name: "Hubungkan Demo Bank Central Asia" });
    await expect(form.getByText("Penyedia", { exact: true })).toBeVisible();
    const connect = form.getByRole("button", { name: "Hubungkan", exact: true });
    await expect(connect).toBeDisabled();
    await form.getByRole("checkbox", { name: /Saya setuju OpenBankSync mengambil data rekening bank ini/ }).check();
    await expect(connect).toBeEnabled();
    await expect(page.getByRole("link", { name: "Tambah bank baru" })).toBeVisible();
  });

  test("dashboard, Indonesian bank, exact rupiah with cents, DD/MM/YYYY dates, the reconciliation tools", async ({ page }) => {
    await signInToIndonesian(page);
    await expect(page.getByRole("navigation").getByRole("link", { name: "Pengaturan" })).toBeVisible();

    const username = `budi-${Date.now()}`;
    await connectSandboxBank(page, { name: "Demo Bank Central Asia", country: "ID", username }, { awaitConnected: false, labels: INDONESIAN_CONNECT_LABELS });
    await expect(page.getByRole("status").filter({ hasText: "Bank terhubung." })).toBeVisible({ timeout: 60_000 });

    const line = await interestWithCents(username);
    const card = page.locator("article", { has: page.locator(`a[href="/accounts/${line.accountId}"]`) });
    // The account's line in its connection's card shows its balance.
    const accountLine = card.getByRole("listitem").filter({ has: page.locator(`a[href="/accounts/${line.accountId}"]`) });
    await expect(accountLine.getByText(/^Rp\d{1,3}(\.\d{3})*,\d{2}$/)).toBeVisible();
    await expect(card.getByText(/^Terakhir disinkronkan \d{2}\/\d{2}\/\d{4},? \d{2}\.\d{2} UTC/)).toBeVisible();
    await expect(card.getByRole("button", { name: "Ambil Transaksi" })).toBeVisible();

    await page.goto(`/accounts/${line.accountId}`);
    const { groups, cents } = digits(line.amount);
    const [year, month, day] = line.bookingDate.split("-");
    const row = page.getByRole("row").filter({ hasText: "BUNGA" }).filter({ hasText: `${day}/${month}/${year}` });
    await expect(row.getByRole("cell").nth(1)).toHaveText(`${day}/${month}/${year}`);
    // Exactly the stored amount: dots between thousands, a comma before the cents, nothing rounded.
    await expect(row.getByRole("cell").nth(4)).toHaveText(`Rp${groups.join(".")},${cents}`);
    await expect(page.getByRole("columnheader", { name: "Tanggal" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Jumlah" })).toBeVisible();

    await openAccountTools(page, "Alat rekening");
    await expect(page.getByRole("menuitem", { name: "Cari Transaksi yang Hilang" })).toBeVisible();
    await page.getByRole("menuitem", { name: "Cari Transaksi Duplikat" }).click();
    await expect(page.getByRole("heading", { name: "Cari Transaksi Duplikat" })).toBeVisible();
    await expect(page.getByLabel("Tanggal Mulai")).toBeVisible();

    await page.goto(`/accounts/${line.accountId}/missing`);
    await expect(page.getByRole("heading", { name: "Cari Transaksi yang Hilang" })).toBeVisible();
    // Typed as an Indonesian writes it, whatever the browser's own language; a day that does not exist is refused.
    await expect(page.getByLabel("Tanggal Mulai")).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
    await page.getByLabel("Tanggal Mulai").fill("31/02/2026");
    await page.getByLabel("Tanggal Mulai").blur();
    await expect(page.getByRole("alert").filter({ hasText: "Ini bukan tanggal" })).toHaveText("Ini bukan tanggal. Tulis seperti 31/12/2025.");
    await page.getByLabel("Tanggal Mulai").fill(`${day}/${month}/${year}`);
    await page.getByRole("button", { name: "Cari", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Tidak ada transaksi yang hilang" })).toBeVisible();
    await expect(page.getByText(new RegExp(`sejak ${day}/${month}/${year} sudah ada di sini`))).toBeVisible();

    // Import file: a refused file says why in Indonesian, in the browser's checks and the server's alike.
    await page.goto(`/accounts/${line.accountId}/import`);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from("IHDR\n")]);
    await page.getByLabel("File rekening koran").setInputFiles({ name: "mutasi.csv", mimeType: "text/csv", buffer: png });
    await expect(page.getByText("Tidak ada yang diimpor. Baris 2: file ini berisi karakter kontrol (U+001A)")).toBeVisible();
    await page.getByLabel("File rekening koran").setInputFiles(statementFor("NL91ABNA0417164300"));
    await expect(page.getByText("Tidak ada yang diimpor. File ini untuk rekening NL91ABNA0417164300, bukan untuk rekening bank ini")).toBeVisible();
    const dutch = "Datum;Bedrag;Omschrijving\n13-01-2024;-2,56;Koffie\n14-01-2024;10,00;Terugbetaling\n";
    await page.getByLabel("File rekening koran").setInputFiles({ name: "ing.csv", mimeType: "text/csv", buffer: Buffer.from(dutch) });
    await expect(page.getByText("Desimal dengan koma: jumlah seperti “-2,56”.")).toBeVisible();
  });

  test("a sync's outcome, a Fetch Transactions answer and the connection log read in Indonesian", async ({ page }) => {
    await signInToIndonesian(page);
    await connectSandboxBank(page, { name: "Demo Bank Central Asia", country: "ID", username: `log-${Date.now()}` }, { awaitConnected: false, labels: INDONESIAN_CONNECT_LABELS });
    await expect(page.getByRole("status").filter({ hasText: "Bank terhubung." }))
      .toHaveText(/^Bank terhubung\. [\d.]+ transaksi baru; riwayat dibaca mundur sampai \d{2}\/\d{2}\/\d{4}\./, { timeout: 60_000 });
    const card = page.getByRole("article").filter({ hasText: "Demo Bank Central Asia" }).first();
    await card.getByRole("button", { name: "Ambil Transaksi" }).click();
    await expect(card.getByRole("status")).toHaveText(/transaksi baru/);

    await withE2eDb((sql) => sql`update users set developer_mode = true where email = ${ADMIN.email}`);
    try {
      await page.goto("/settings/online-synchronization");
      await page.getByRole("row").filter({ hasText: "Demo Bank Central Asia" }).first().getByRole("link", { name: "Demo Bank Central Asia" }).click();
      const log = page.getByRole("list").filter({ hasText: "Sinkronisasi selesai" });
      await expect(log.getByRole("listitem").filter({ hasText: /Sinkronisasi selesai: (Tidak ada transaksi baru|[\d.]+ transaksi baru)/ }).first()).toBeVisible();
      await expect(log.getByRole("listitem").filter({ hasText: "Sinkronisasi dimulai (" }).first()).toBeVisible();
      await expect(log).not.toContainText("Synchronization finished");
      // The connect journey's own lines, written by lib/connections, in Indonesian too.
      await expect(log.getByRole("listitem").filter({ hasText: "Koneksi ke Demo Bank Central Asia dimulai; menunggu persetujuan di bank." })).toBeVisible();
      await expect(log.getByRole("listitem").filter({ hasText: /Persetujuan diberikan di Demo Bank Central Asia untuk \d+ rekening\./ })).toBeVisible();
      await expect(log.getByRole("listitem").filter({ hasText: /\d+ rekening dipilih untuk disinkronkan\./ })).toBeVisible();
      await expect(log).not.toContainText("Connection to");
    } finally {
      await withE2eDb((sql) => sql`update users set developer_mode = false where email = ${ADMIN.email}`);
    }
  });

  test("a bank that asks for a security code explains, in Indonesian, why it syncs only by hand", async ({ page }) => {
    await signInToIndonesian(page);
    await connectSandboxBank(page, { name: "Demo Bank Mandiri", country: "ID", username: `sari-${Date.now()}` }, { awaitConnected: false, labels: INDONESIAN_CONNECT_LABELS });
    const card = page.getByRole("article").filter({ hasText: "Demo Bank Mandiri" }).first();
    await expect(card.getByRole("heading", { name: "Masukkan kode keamanan dari bank" })).toBeVisible();
    await expect(card.getByText(/Kode keamanan diperlukan/)).toHaveCount(1);
    await card.getByText("Kenapa transaksi saya hanya sinkron saat saya refresh manual?").click();
    await expect(card.getByText(/tidak dapat di-refresh di latar belakang\. Tekan Ambil Transaksi dan ketikkan kode/)).toBeVisible();
  });

  test("a refusal in Indonesian: a lock date in the future, today named as DD/MM/YYYY, nothing saved", async ({ page }) => {
    await signInToIndonesian(page);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Tanggal kunci" });
    await section.getByLabel("Kunci Semua").fill("31/12/2999");
    await section.getByRole("button", { name: "Simpan" }).click();
    await expect(section.getByRole("alert").filter({ hasText: "Tanggal kunci tidak disimpan." })).toBeVisible();
    await expect(section.getByText(/^Tanggal kunci tidak boleh di masa depan: pilih \d{2}\/\d{2}\/\d{4} atau hari sebelumnya\.$/)).toBeVisible();
    await page.reload();
    await expect(section.getByLabel("Kunci Semua")).not.toHaveValue("31/12/2999");
  });
});

test.describe("in English (a browser set to en-US)", () => {
  test.use({ locale: "en-US" });

  test("the same journey in English: IDR with cents, unambiguous dates, the tools' English names", async ({ page }) => {
    await signIn(page, ADMIN);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const username = `ayu-${Date.now()}`;
    await connectSandboxBank(page, { name: "Demo Bank Central Asia", country: "ID", username });

    const line = await interestWithCents(username);
    await page.goto(`/accounts/${line.accountId}`);
    const { groups, cents } = digits(line.amount);
    const shownDate = new Date(`${line.bookingDate}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    const row = page.getByRole("row").filter({ hasText: "BUNGA" }).filter({ hasText: shownDate });
    await expect(row.getByRole("cell").nth(1)).toHaveText(shownDate);
    await expect(row.getByRole("cell").nth(4)).toHaveText(`IDR ${groups.join(",")}.${cents}`);

    await openAccountTools(page, "Account tools");
    await expect(page.getByRole("menuitem", { name: "Find Missing Transactions" })).toBeVisible();
    await page.getByRole("menuitem", { name: "Find Duplicate Transactions" }).click();
    await expect(page.getByRole("heading", { name: "Find Duplicate Transactions" })).toBeVisible();
    await expect(page.getByLabel("Starting Date")).toBeVisible();
  });

  test("the user menu switches to Bahasa Indonesia, which the sign-in page keeps after signing out", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.getByRole("banner").getByRole("button", { name: "Ada Admin" }).click();
    await page.getByRole("menuitemradio", { name: "Bahasa Indonesia" }).click();
    await expect(page.getByRole("heading", { name: "Dasbor" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");

    // The menu stays open on the new language, with it ticked.
    await expect(page.getByRole("menuitemradio", { name: "Bahasa Indonesia" })).toHaveAttribute("aria-checked", "true");
    await page.getByRole("menuitem", { name: "Keluar" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.locator("html")).toHaveAttribute("lang", "id");

    await expect(page.getByRole("heading", { name: "Masuk ke OpenBankSync" })).toBeVisible();

    // Stored on the user: another browser (no cookie, English Accept-Language) opens in Indonesian too.
    await page.context().clearCookies();
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Kata sandi").fill(ADMIN.password);
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByRole("heading", { name: "Dasbor" })).toBeVisible();

    await page.getByRole("banner").getByRole("button", { name: "Ada Admin" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});
