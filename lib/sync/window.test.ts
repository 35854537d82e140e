import { describe, expect, it } from "vitest";
import { syncWindow } from "./window";

const today = "2026-11-25";

describe("syncWindow", () => {
  it("takes all the history the bank offers for an empty account", () => {
    expect(syncWindow({ newestBookingDate: null, today, maxHistoryDays: 730, lockDate: null })).toEqual({
      from: "2024-11-25", to: today, limitedByHistory: true, limitedByLockDate: false,
    });
  });

  it("starts the day after the newest transaction after a previous sync", () => {
    expect(syncWindow({ newestBookingDate: "2026-11-20", today, maxHistoryDays: 730, lockDate: null })).toMatchObject({
      from: "2026-11-21", to: today, limitedByHistory: false,
    });
  });

  it("never asks for dates on or before the lock date", () => {
    expect(syncWindow({ newestBookingDate: null, today, maxHistoryDays: 730, lockDate: "2026-06-30" })).toMatchObject({
      from: "2026-07-01", limitedByLockDate: true, limitedByHistory: false,
    });
    expect(syncWindow({ newestBookingDate: "2026-11-24", today, maxHistoryDays: 730, lockDate: "2026-06-30" })?.from).toBe("2026-11-25");
  });

  it("fetches only 90 days from a 90-day bank and says history limited the start", () => {
    expect(syncWindow({ newestBookingDate: null, today, maxHistoryDays: 90, lockDate: null })).toMatchObject({
      from: "2026-08-27", limitedByHistory: true,
    });
  });

  it("has nothing to fetch when the lock date is today or the account is up to date", () => {
    expect(syncWindow({ newestBookingDate: null, today, maxHistoryDays: 90, lockDate: today })).toBeNull();
    expect(syncWindow({ newestBookingDate: today, today, maxHistoryDays: 90, lockDate: null })).toBeNull();
  });
});
