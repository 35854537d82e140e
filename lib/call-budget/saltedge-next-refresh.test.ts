/**
 * Salt Edge publishes no daily count, only `next_refresh_possible_at`: once a run ended
 * rate limited with that time, no call is taken (or made) before it, and pages say when.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { bankConnections, institutions, syncRuns } from "@/db/schema";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { englishText } from "@/lib/i18n/stored-message";
import { fetchOutOfBudget } from "./messages";
import { reserveCall } from "./reserve";
import { budgetStatus } from "./status";

async function saltEdgeConnection() {
  const { company } = await createCompanyWithUser(db);
  const [bank] = await db.insert(institutions).values({ provider: "saltedge", providerInstitutionId: "fakebank_simple_xf", name: "Fake Bank Simple", country: "XF" }).returning();
  const [connection] = await db
    .insert(bankConnections)
    .values({ companyId: company.id, institutionId: bank!.id, provider: "saltedge", state: "active", clientId: `client-${crypto.randomUUID()}` })
    .returning();
  return { companyId: company.id, connectionId: connection!.id };
}

describe("Salt Edge's next_refresh_possible_at", () => {
  it("refuses a call before the time Salt Edge named, and allows it after", async () => {
    const { companyId, connectionId } = await saltEdgeConnection();
    const now = new Date("2026-03-02T10:00:00Z");
    expect(await reserveCall(db, { connectionId, now })).toEqual({ ok: true, limited: true, dailyLimit: null, remaining: null, nextAllowedAt: null });

    const next = new Date("2026-03-02T11:30:00Z");
    await db.insert(syncRuns).values({ companyId, connectionId, trigger: "manual", startedAt: now, finishedAt: now, status: "rate_limited", retryAfter: next });
    const refused = await reserveCall(db, { connectionId, now: new Date("2026-03-02T10:05:00Z") });
    expect(refused).toEqual({ ok: false, scope: "connection", dailyLimit: null, nextAllowedAt: next });
    if (!refused.ok) expect(englishText(fetchOutOfBudget(refused))).toBe("The bank allows the next refresh at 2026-03-02 11:30 UTC.");
    expect((await budgetStatus(db, { connectionId, now: new Date("2026-03-02T10:05:00Z") }))?.entries).toEqual([
      { bankAccountId: null, accountName: null, dailyLimit: null, remaining: null, nextAllowedAt: next },
    ]);

    expect((await reserveCall(db, { connectionId, now: new Date("2026-03-02T11:30:01Z") })).ok).toBe(true);
  });
});
