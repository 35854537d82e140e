/** The schedule the pages show: off with BACKGROUND_SYNC=off, else the interval and the next pass. */
import { describe, expect, it } from "vitest";
import { currentSchedule, nextCronPass } from "./schedule";

describe("currentSchedule", () => {
  it("is off on a server started with BACKGROUND_SYNC=off", () => {
    expect(currentSchedule(new Date(), { BACKGROUND_SYNC: "off" })).toEqual({ kind: "off" });
  });

  it("is on with the built-in scheduler's interval otherwise", () => {
    const schedule = currentSchedule(new Date(), { SYNC_INTERVAL_MINUTES: "30" });
    expect(schedule).toMatchObject({ kind: "on", intervalMs: 30 * 60_000 });
  });
});

describe("nextCronPass (Inngest's 0 */12 * * *)", () => {
  it("is the next 00:00 or 12:00 UTC", () => {
    expect(nextCronPass(new Date("2026-12-06T09:41:00Z"))).toEqual(new Date("2026-12-06T12:00:00Z"));
    expect(nextCronPass(new Date("2026-12-06T12:00:00Z"))).toEqual(new Date("2026-12-07T00:00:00Z"));
    expect(nextCronPass(new Date("2026-12-31T23:59:00Z"))).toEqual(new Date("2027-01-01T00:00:00Z"));
  });
});
