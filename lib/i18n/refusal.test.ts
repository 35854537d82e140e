/**
 * Refusals from zod schemas reach the reader in their language, with the schema's own
 * limits; a problem no schema worded (a forged form) is "Invalid request.", never zod's English.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { manualAccountSchema } from "@/lib/bank-accounts/manual-account-schema";
import { selectionSchema } from "@/lib/transactions/selection-schema";
import { fieldRefusals, issueRefusal, Refusal, renderFieldRefusals } from "./refusal";
import { englishText, renderStoredMessage, storedMessage } from "./stored-message";

function refusalOf(result: { success: boolean; error?: z.ZodError }) {
  if (result.success || !result.error) throw new Error("expected a refusal");
  return issueRefusal(result.error);
}

describe("refusals from a schema", () => {
  it("say the schema's limit in each reader's number format", () => {
    const tooMany = refusalOf(selectionSchema.safeParse({ bankAccountId: crypto.randomUUID(), transactionIds: Array.from({ length: 1001 }, (_, i) => String(i + 1)) }));
    expect(renderStoredMessage(tooMany, "id")).toBe("Pilih paling banyak 1.000 transaksi sekaligus.");
    expect(englishText(tooMany)).toBe("Select at most 1,000 transactions at a time.");
  });

  it("answer a problem the schema did not word with Invalid request., in the reader's language", () => {
    const forged = refusalOf(z.object({ id: z.number() }).safeParse({ id: "x" }));
    expect(renderStoredMessage(forged, "id")).toBe("Permintaan tidak valid.");
    expect(englishText(forged)).toBe("Invalid request.");
  });

  it("mark each field of a form in the reader's language", () => {
    const parsed = manualAccountSchema.safeParse({ accountNumber: " ", bankName: "", bic: "NOTABIC", currency: "ZZZ" });
    if (parsed.success) throw new Error("expected a refusal");
    expect(renderFieldRefusals(fieldRefusals(parsed.error), "id")).toEqual({
      accountNumber: ["Masukkan nomor rekening."],
      bic: ["Masukkan kode SWIFT yang valid: 8 atau 11 karakter, seperti CENAIDJA atau BMRIIDJA."],
      currency: ["Masukkan kode mata uang ISO 3 huruf, seperti IDR atau USD."],
    });
  });
});

describe("Refusal", () => {
  it("carries the stored message, its Error message the English (for logs), its date for the reader as DD/MM/YYYY", () => {
    const refusal = new Refusal(storedMessage("refusals.lockedNotRestored", { lockDate: "2025-12-31" }));
    expect(refusal.message).toBe("Lines dated on or before the lock date (2025-12-31) cannot be restored. Nothing was restored.");
    expect(renderStoredMessage(refusal.refusal, "id"))
      .toBe("Baris yang bertanggal pada atau sebelum tanggal kunci (31/12/2025) tidak dapat dipulihkan. Tidak ada yang dipulihkan.");
  });
});
