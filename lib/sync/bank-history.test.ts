import { describe, expect, it } from "vitest";
import { HistoryPeriodRefused, ProviderTransient } from "@/lib/providers/errors";
import { readWithinBankHistory } from "./bank-history";

const TODAY = "2026-03-02";

/** A bank that refuses any start before `oldest`, recording what it was asked. */
function bank(oldest: string) {
  const asked: string[] = [];
  const read = async (window: { from: string; to: string }) => {
    asked.push(window.from);
    if (window.from < oldest) throw new HistoryPeriodRefused({ providerCode: "WRONG_TRANSACTIONS_PERIOD" });
    return "read";
  };
  return { asked, read };
}

describe("reading within the bank's history", () => {
  it("reads the window as asked when the bank accepts it", async () => {
    const { asked, read } = bank("2020-01-01");
    expect(await readWithinBankHistory({ today: TODAY, window: { from: "2024-03-02", to: TODAY } }, read)).toEqual({
      result: "read", window: { from: "2024-03-02", to: TODAY }, acceptedDays: null,
    });
    expect(asked).toEqual(["2024-03-02"]);
  });

  it("steps down 365, 180, 90 days until the bank accepts", async () => {
    const { asked, read } = bank("2025-11-01");
    const outcome = await readWithinBankHistory({ today: TODAY, window: { from: "2024-03-02", to: TODAY } }, read);
    expect(outcome).toMatchObject({ window: { from: "2025-12-02", to: TODAY }, acceptedDays: 90 });
    expect(asked).toEqual(["2024-03-02", "2025-03-02", "2025-09-03", "2025-12-02"]);
  });

  it("never steps back before a later start (a lock date), and skips the steps that would", async () => {
    const { asked, read } = bank("2025-11-01");
    const outcome = await readWithinBankHistory({ today: TODAY, window: { from: "2025-06-01", to: TODAY } }, read);
    expect(asked).toEqual(["2025-06-01", "2025-09-03", "2025-12-02"]);
    expect(outcome.acceptedDays).toBe(90);
  });

  it("gives up with the bank's refusal when even 90 days are refused, and passes other errors through", async () => {
    const { asked, read } = bank("2026-02-01");
    await expect(readWithinBankHistory({ today: TODAY, window: { from: "2024-03-02", to: TODAY } }, read)).rejects.toBeInstanceOf(HistoryPeriodRefused);
    expect(asked).toHaveLength(4);
    const failing = async () => {
      throw new ProviderTransient();
    };
    await expect(readWithinBankHistory({ today: TODAY, window: { from: "2024-03-02", to: TODAY } }, failing)).rejects.toBeInstanceOf(ProviderTransient);
  });
});
