import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isIsoDate } from "./dates";

describe("isIsoDate", () => {
  it("accepts real calendar days only, and never throws", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("26-01-01")).toBe(false);
  });

  it("keeps to the years 1900 to 2999", () => {
    expect(isIsoDate("1900-01-01")).toBe(true);
    expect(isIsoDate("2999-12-31")).toBe(true);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate("1899-12-31")).toBe(false);
    expect(isIsoDate("3000-01-01")).toBe(false);
  });
});

describe("formatDate", () => {
  it("writes day before month in Indonesian, as the seed's 31/12/2025", () => {
    expect(formatDate("2025-12-31", "id")).toBe("31/12/2025");
    expect(formatDate("2026-01-05", "id")).toBe("05/01/2026");
  });

  it("spells the month in English, so 05/01 is never read as May 1st", () => {
    expect(formatDate("2025-12-31", "en")).toBe("31 Dec 2025");
    expect(formatDate("2026-01-05", "en")).toBe("5 Jan 2026");
  });

  it("keeps the calendar day whatever the server's time zone", () => {
    expect(formatDate("2026-03-01", "id")).toBe("01/03/2026");
  });
});

describe("formatDateTime", () => {
  it("shows the minute with the time zone it is in", () => {
    const moment = new Date("2025-12-31T23:41:00Z");
    expect(formatDateTime(moment, "id")).toBe("31/12/2025, 23.41 UTC");
    expect(formatDateTime(moment, "en")).toBe("31 Dec 2025, 23:41 UTC");
  });
});
