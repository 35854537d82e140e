import { describe, expect, it } from "vitest";
import { resolveStartingDate } from "./starting-date";

describe("resolveStartingDate", () => {
  it("defaults to 30 days ago", () => {
    expect(resolveStartingDate({ today: "2026-11-25", lockDate: null })).toEqual({ date: "2026-10-26", movedByLockDate: false });
  });

  it("takes a valid requested date and ignores a malformed one", () => {
    expect(resolveStartingDate({ requested: "2024-01-01", today: "2026-11-25", lockDate: null }).date).toBe("2024-01-01");
    expect(resolveStartingDate({ requested: "2024-02-30", today: "2026-11-25", lockDate: null }).date).toBe("2026-10-26");
  });

  it("never starts on or before the lock date, and says when it moved a requested date", () => {
    expect(resolveStartingDate({ today: "2026-11-25", lockDate: "2026-11-10" })).toEqual({ date: "2026-11-11", movedByLockDate: false });
    expect(resolveStartingDate({ requested: "2026-11-10", today: "2026-11-25", lockDate: "2026-11-10" })).toEqual({ date: "2026-11-11", movedByLockDate: true });
    expect(resolveStartingDate({ requested: "2026-11-11", today: "2026-11-25", lockDate: "2026-11-10" })).toEqual({ date: "2026-11-11", movedByLockDate: false });
  });
});
