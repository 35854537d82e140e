/** When a connection synchronizes on its own next: the same rules the fan-out applies (lib/sync/eligible). */
import { describe, expect, it } from "vitest";
import { nextSyncOf, type ConnectionScheduleFacts } from "./next-sync";
import type { Schedule } from "./schedule";

const HOUR = 3_600_000;
const NEXT_PASS = new Date("2026-12-06T12:00:00Z");
const on: Schedule = { kind: "on", intervalMs: 12 * HOUR, nextPassAt: NEXT_PASS };
const ready: ConnectionScheduleFacts = { autoSync: true, state: "active", supportsBackgroundRefresh: true, lastRunStartedAt: new Date("2026-12-05T23:00:00Z"), retryAfter: null };

describe("nextSyncOf", () => {
  it("is the next pass for a connection synchronized more than half an interval before it", () => {
    expect(nextSyncOf(on, ready)).toEqual({ kind: "at", at: NEXT_PASS });
    expect(nextSyncOf(on, { ...ready, lastRunStartedAt: null })).toEqual({ kind: "at", at: NEXT_PASS });
  });

  it("skips the next pass for a connection fetched by hand less than half an interval before it", () => {
    const fetched = { ...ready, lastRunStartedAt: new Date("2026-12-06T07:00:00Z") };
    expect(nextSyncOf(on, fetched)).toEqual({ kind: "at", at: new Date("2026-12-07T00:00:00Z") });
  });

  it("waits for the bank's refresh limit to pass", () => {
    const limited = { ...ready, retryAfter: new Date("2026-12-07T06:00:00Z") };
    expect(nextSyncOf(on, limited)).toEqual({ kind: "at", at: new Date("2026-12-07T12:00:00Z") });
  });

  it("names why there is no time: off on this server, automatic sync off, needs fixing, bank refuses background refresh, pass not planned", () => {
    expect(nextSyncOf({ kind: "off" }, ready)).toEqual({ kind: "off" });
    expect(nextSyncOf(on, { ...ready, autoSync: false })).toEqual({ kind: "manual" });
    expect(nextSyncOf(on, { ...ready, state: "error" })).toEqual({ kind: "afterFixed" });
    expect(nextSyncOf(on, { ...ready, state: "waiting_mfa" })).toEqual({ kind: "afterFixed" });
    expect(nextSyncOf(on, { ...ready, supportsBackgroundRefresh: false })).toEqual({ kind: "noBackground" });
    expect(nextSyncOf({ ...on, nextPassAt: null }, ready)).toEqual({ kind: "nextPass" });
  });
});
