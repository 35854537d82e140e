/**
 * The account page's actions refuse in the reader's language: an Indonesian reader gets
 * the refusal in Indonesian, its dates as DD/MM/YYYY and its limits from the schema.
 * The session is mocked at lib/auth/membership, the reader's language at getLocale.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { companies, notDuplicatePairs, transactions } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { formData } from "@/lib/testing/form-data";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/signed-in";
import { insertLines } from "@/lib/testing/transaction-rows";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", async (original) => ({ ...(await original<typeof import("next-intl/server")>()), getLocale: async () => "id" }));

const { deleteTransactionsAction, reconcileAction } = await import("./actions");
const { notDuplicateAction } = await import("./duplicates/actions");
const idle = { status: "idle" as const, message: null };

let companyId: string;
let bankAccountId: string;
let lineIds: string[];

beforeEach(async () => {
  const { company, user } = await createCompanyWithUser(db);
  const account = await createManualBankAccount(db, company.id);
  companyId = company.id;
  bankAccountId = account.id;
  lineIds = (await insertLines(account.id, [
    { id: "a1", date: "2026-11-03", amount: "-250000.50", description: "Kopi" },
    { id: "a2", date: "2026-11-03", amount: "-18000.00", description: "Parkir" },
  ])).map(String);
  signInAs(await loadMembership(db, user.id));
});

const linesLeft = async () => (await db.select({ id: transactions.id }).from(transactions).where(eq(transactions.bankAccountId, bankAccountId))).length;

describe("refusals for an Indonesian reader", () => {
  it("Delete refuses lines on or before the lock date, naming it as DD/MM/YYYY", async () => {
    await db.update(companies).set({ lockDate: "2026-11-04" }).where(eq(companies.id, companyId));
    expect(await deleteTransactionsAction(idle, formData({ bankAccountId, transactionId: lineIds }))).toEqual({
      status: "error",
      message: "2 transaksi dari pilihan ini bertanggal pada atau sebelum tanggal kunci (04/11/2026) dan tidak dapat dihapus. Tidak ada yang dihapus.",
    });
    expect(await linesLeft()).toBe(2);
  });

  it("Not a duplicate refuses lines that do not share an amount", async () => {
    expect(await notDuplicateAction(idle, formData({ bankAccountId, reason: "fingerprint", transactionId: lineIds }))).toEqual({
      status: "error",
      message: "Transaksi-transaksi ini tidak memiliki jumlah dan mata uang yang sama. Tidak ada yang diubah.",
    });
    expect(await db.select().from(notDuplicatePairs)).toEqual([]);
  });

  it("Reconcile says the schema's limit and an empty selection in Indonesian", async () => {
    expect(await reconcileAction(idle, formData({ bankAccountId, transactionId: lineIds, counterpartLabel: "x".repeat(201) })))
      .toEqual({ status: "error", message: "Label lawan transaksi paling banyak 200 karakter." });
    expect(await reconcileAction(idle, formData({ bankAccountId, transactionId: [], counterpartLabel: "Sewa" })))
      .toEqual({ status: "error", message: "Pilih setidaknya satu transaksi." });
    expect(await reconcileAction(idle, formData({ bankAccountId, transactionId: ["1 or 1=1"], counterpartLabel: "Sewa" })))
      .toEqual({ status: "error", message: "Transaksi yang dipilih tidak dapat dibaca. Muat ulang halaman lalu pilih kembali." });
  });
});
