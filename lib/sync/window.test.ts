import { describe, expect, it } from "vitest";
import { DEFAULT_OVERLAP_DAYS, syncWindow } from "./window";

const today = "2026-11-25";
const base = { today, maxHistoryDays: 730, lockDate: null, overlapDays: DEFAULT_OVERLAP_DAYS, synced: null, newestBookingDate: null };

describe("syncWindow, first sync of an account", () => {
  it("takes all the history the bank offers for an empty account", () => {
    expect(syncWindow(base)).toEqual({ from: "2024-11-25", to: today, limitedByHistory: true, limitedByLockDate: false });
  });

  it("starts the day after the newest transaction (lines imported from a file before the bank was connected)", () => {
    expect(syncWindow({ ...base, newestBookingDate: "2026-11-20" })).toMatchObject({ from: "2026-11-21", to: today, limitedByHistory: false });
  });

  it("has nothing to fetch yet when the account's lines already reach today", () => {
    expect(syncWindow({ ...base, newestBookingDate: today })).toBeNull();
  });

  it("fetches only 90 days from a 90-day bank and says history limited the start", () => {
    expect(syncWindow({ ...base, maxHistoryDays: 90 })).toMatchObject({ from: "2026-08-27", limitedByHistory: true });
  });
});

describe("syncWindow, later syncs", () => {
  it("re-reads the overlap before the newest line this connection imported", () => {
    expect(syncWindow({ ...base, newestBookingDate: "2026-11-24", synced: { newestBookingDate: "2026-11-24", floor: null } })).toEqual({
      from: "2026-11-17", to: today, limitedByHistory: false, limitedByLockDate: false,
    });
  });

  it("uses the provider's own overlap", () => {
    expect(syncWindow({ ...base, overlapDays: 3, synced: { newestBookingDate: "2026-11-24", floor: null } })?.from).toBe("2026-11-21");
  });

  it("re-reads today when the newest line is dated today, so a line booked later today is still seen", () => {
    expect(syncWindow({ ...base, newestBookingDate: today, synced: { newestBookingDate: today, floor: null } })).toMatchObject({ from: "2026-11-18", to: today });
    expect(syncWindow({ ...base, overlapDays: 0, synced: { newestBookingDate: today, floor: null } })).toMatchObject({ from: today, to: today });
  });

  it("still reads today when the bank listed a line dated after today", () => {
    expect(syncWindow({ ...base, overlapDays: 0, synced: { newestBookingDate: "2026-11-30", floor: null } })).toMatchObject({ from: today, to: today });
  });

  it("never reaches back into the days left to a file imported before the first sync", () => {
    expect(syncWindow({ ...base, newestBookingDate: "2026-11-24", synced: { newestBookingDate: "2026-11-24", floor: "2026-11-21" } })?.from).toBe("2026-11-21");
  });

  it("never reaches back beyond the bank's history", () => {
    expect(syncWindow({ ...base, maxHistoryDays: 90, synced: { newestBookingDate: "2026-08-28", floor: null } })).toMatchObject({
      from: "2026-08-27", limitedByHistory: true,
    });
  });
});

describe("syncWindow and the lock date", () => {
  it("never asks for dates on or before the lock date, first sync or later", () => {
    expect(syncWindow({ ...base, lockDate: "2026-06-30" })).toMatchObject({ from: "2026-07-01", limitedByLockDate: true, limitedByHistory: false });
    expect(syncWindow({ ...base, newestBookingDate: "2026-11-24", lockDate: "2026-06-30" })?.from).toBe("2026-11-25");
    expect(syncWindow({ ...base, lockDate: "2026-11-20", synced: { newestBookingDate: "2026-11-24", floor: null } })).toMatchObject({
      from: "2026-11-21", limitedByLockDate: true,
    });
  });

  it("has nothing to fetch when the lock date is today", () => {
    expect(syncWindow({ ...base, maxHistoryDays: 90, lockDate: today })).toBeNull();
    expect(syncWindow({ ...base, lockDate: today, synced: { newestBookingDate: today, floor: null } })).toBeNull();
  });
});
