/**
 * What the reader sees of a provider error: the class's standard sentence, the adapter's
 * own sentence, or the aggregator's words quoted, each in the reader's language, with the
 * aggregator's or bank's words kept exactly as they came.
 */
import { describe, expect, it } from "vitest";
import { englishText, renderStoredMessage } from "@/lib/i18n/stored-message";
import { errorFromCallback as goCardlessCallbackError } from "./gocardless/transform";
import { errorFromResponse as plaidError } from "./plaid/transform";
import { errorFromAccountSet } from "./simplefin/transform";
import { ProviderRejected, ProviderTransient } from "./errors";
import { providerErrorMessage } from "./error-text";

const inIndonesian = (error: Parameters<typeof providerErrorMessage>[0]) => renderStoredMessage(providerErrorMessage(error), "id");

describe("a provider error for the reader", () => {
  it("gives the class's standard sentence when the adapter said nothing more", () => {
    expect(inIndonesian(new ProviderTransient())).toBe("Agregator bank tidak dapat dihubungi atau gagal menjawab. Kami akan mencoba lagi nanti.");
  });

  it("gives the adapter's own sentence, its English kept as the error's message", () => {
    const linkReused = goCardlessCallbackError("RequisitionLinkReused", null);
    expect(linkReused.message).toBe("This consent link was already used. Start the connection again.");
    expect(inIndonesian(linkReused)).toBe("Tautan persetujuan ini sudah pernah digunakan. Mulai koneksi dari awal lagi.");
  });

  it("keeps the aggregator's words verbatim inside a translated sentence", () => {
    const refused = plaidError(400, { error_type: "INVALID_REQUEST", error_code: "INVALID_FIELD", display_message: "Please contact your bank." });
    expect(refused.message).toBe("Plaid refused the request: Please contact your bank.");
    expect(inIndonesian(refused)).toBe("Plaid menolak permintaan: Please contact your bank.");
    // Words that are not an adapter's sentence at all are quoted as the aggregator's answer.
    expect(inIndonesian(new ProviderRejected({ message: "ITEM_LOCKED: too many attempts" }))).toBe("Jawaban agregator bank: ITEM_LOCKED: too many attempts");
  });

  it("says SimpleFIN's trouble with its words when it sent some, and without them when it did not", () => {
    const account = { id: "ACT-1", name: "Checking", conn_id: "CON-1", currency: "USD", balance: "1.00", "balance-date": 1749988800, transactions: [] };
    const withWords = errorFromAccountSet({ errlist: [{ code: "con.auth", msg: "Kata sandi bank berubah", conn_id: "CON-1" }], accounts: [account] }, { accountIds: ["ACT-1"] });
    expect(englishText(providerErrorMessage(withWords!))).toBe("SimpleFIN Bridge cannot sign in to the bank: Kata sandi bank berubah. Fix the bank's connection at SimpleFIN Bridge, then fetch again.");
    expect(inIndonesian(withWords!)).toBe("SimpleFIN Bridge tidak dapat masuk ke bank: Kata sandi bank berubah. Perbaiki koneksi bank di SimpleFIN Bridge, lalu ambil transaksi lagi.");
    const without = errorFromAccountSet({ errlist: [{ code: "con.auth", conn_id: "CON-1" }], accounts: [account] }, { accountIds: ["ACT-1"] });
    expect(inIndonesian(without!)).toBe("SimpleFIN Bridge tidak dapat masuk ke bank. Perbaiki koneksi bank di SimpleFIN Bridge, lalu ambil transaksi lagi.");
  });
});
