import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import { countOfferedInstitutions } from "./count";

describe("countOfferedInstitutions", () => {
  it("counts the listed banks of the providers asked for, including ones only down, not delisted ones", async () => {
    const provider = `count-test-${randomUUID()}`;
    const other = `count-test-${randomUUID()}`;
    const refreshedAt = new Date("2026-12-01T00:00:00Z");
    const bank = (name: string, values: Partial<typeof institutions.$inferInsert> = {}) =>
      ({ provider, providerInstitutionId: name, name, country: "DE", updatedAt: refreshedAt, ...values });
    await db.insert(institutions).values([
      bank("Listed"),
      bank("Down but listed", { available: false }),
      // Not seen by the last full refresh: delisted.
      bank("Delisted", { available: false, updatedAt: new Date("2026-11-01T00:00:00Z") }),
      { provider: other, providerInstitutionId: "x", name: "Another provider's", country: "DE" },
    ]);
    await db.insert(providerDirectoryStatus).values({ provider, lastAttemptAt: refreshedAt, lastSuccessAt: refreshedAt, institutionCount: 2 });

    expect(await countOfferedInstitutions(db, [provider])).toBe(2);
    expect(await countOfferedInstitutions(db, [provider, other])).toBe(3);
    expect(await countOfferedInstitutions(db, [])).toBe(0);
  });
});
