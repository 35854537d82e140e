import { describe, expect, it } from "vitest";
import { englishText, renderStoredMessage, showStored, storedMessage } from "./stored-message";

const outcome = storedMessage("outcome", { inserted: 12000, possibleDuplicates: 1, historyFromDate: "2025-06-15", nextRefreshAt: "2025-06-15T11:00:00.000Z" });

describe("stored messages", () => {
  it("keep the English text as it was stored before keys, dates as written", () => {
    expect(englishText(storedMessage("syncFinished", { outcome }))).toBe(
      "Synchronization finished: 12000 new transactions (1 possible duplicate to review); history read back to 2025-06-15; next refresh possible after 2025-06-15 11:00 UTC",
    );
    expect(englishText(storedMessage("outcome", { inserted: 0, possibleDuplicates: 0, historyFromDate: "none", nextRefreshAt: "none" }))).toBe("No new transactions");
  });

  it("speak the reader's language, with dates as the reader writes them", () => {
    expect(renderStoredMessage(storedMessage("syncFinished", { outcome }), "id")).toBe(
      "Sinkronisasi selesai: 12.000 transaksi baru (1 kemungkinan duplikat untuk diperiksa); riwayat dibaca mundur sampai 15/06/2025; penyegaran berikutnya bisa setelah 15/06/2025, 11.00 UTC",
    );
    expect(renderStoredMessage(storedMessage("historyLimit", { account: "Giro", institution: "Bank BCA", days: 90, fromDate: "2025-03-01" }), "en"))
      .toBe("Giro: Bank BCA keeps only 90 days of history, so transactions before 1 Mar 2025 were not fetched. Import older history from a bank statement file.");
  });

  it("show a row's English text when it has no key, or a key the catalogue lost", () => {
    expect(showStored({ text: "Written before keys.", key: null, params: null }, "id")).toBe("Written before keys.");
    expect(showStored({ text: "Old wording.", key: "noSuchKey", params: null }, "id")).toBe("Old wording.");
    expect(showStored({ text: "x", key: "alreadyRunning", params: null }, "id")).toBe("Sinkronisasi koneksi ini sedang berjalan.");
    expect(showStored({ text: "x", key: "providerErrors.rate_limited_until", params: { retryAt: "2025-06-15T11:00:00.000Z" } }, "id"))
      .toBe("Bank membatasi seberapa sering data dapat disegarkan. Coba lagi setelah 15/06/2025, 11.00 UTC.");
  });
});
