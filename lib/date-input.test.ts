import { describe, expect, it } from "vitest";
import { formatDateInput, parseDateInput } from "./date-input";

describe("parseDateInput", () => {
  it("reads DD/MM/YYYY in Indonesian, day first", () => {
    expect(parseDateInput("31/12/2025", "id")).toBe("2025-12-31");
    expect(parseDateInput("1/2/2026", "id")).toBe("2026-02-01");
    expect(parseDateInput(" 05.03.2026 ", "id")).toBe("2026-03-05");
  });

  it("reads the day, the month's name and the year in English", () => {
    expect(parseDateInput("31 Dec 2025", "en")).toBe("2025-12-31");
    expect(parseDateInput("1 december 2025", "en")).toBe("2025-12-01");
    expect(parseDateInput("4 Sept 2026", "en")).toBe("2026-09-04");
  });

  it("accepts ISO dates in both languages", () => {
    expect(parseDateInput("2025-12-31", "id")).toBe("2025-12-31");
    expect(parseDateInput("2025-12-31", "en")).toBe("2025-12-31");
  });

  it("refuses what is not a real day or is ambiguous for the reader", () => {
    expect(parseDateInput("31/02/2026", "id")).toBeNull();
    expect(parseDateInput("13/13/2026", "id")).toBeNull();
    // 12/31 is how a US browser writes it: an English reader here types the month's name.
    expect(parseDateInput("12/31/2025", "en")).toBeNull();
    expect(parseDateInput("31 Foo 2025", "en")).toBeNull();
    expect(parseDateInput("31 Decx 2025", "en")).toBeNull();
    expect(parseDateInput("31 Des 2025", "id")).toBeNull();
    expect(parseDateInput("", "en")).toBeNull();
  });
});

describe("formatDateInput", () => {
  it("shows a date as the reader reads it elsewhere, and reads back to the same day", () => {
    expect(formatDateInput("2025-12-31", "id")).toBe("31/12/2025");
    expect(formatDateInput("2025-12-31", "en")).toBe("31 Dec 2025");
    for (const locale of ["en", "id"]) expect(parseDateInput(formatDateInput("2026-03-09", locale), locale)).toBe("2026-03-09");
  });
});
