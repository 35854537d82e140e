import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { companies, memberships, users } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { getLockDate, setLockDate } from "./lock-date";

const today = "2026-11-25";

async function member(role: "admin" | "user", companyName?: string) {
  const { user } = await createCompanyWithUser(db, { role, companyName });
  return (await loadMembership(db, user.id))!;
}

describe("setLockDate", () => {
  it("lets an admin set the lock date of their own company only, and clear it", async () => {
    const admin = await member("admin", "Acme");
    const other = await member("admin", "Globex");

    expect(await setLockDate(db, admin, { lockDate: "2026-10-31" }, today)).toEqual({ ok: true, lockDate: "2026-10-31" });
    expect(await getLockDate(db, admin.companyId)).toBe("2026-10-31");
    expect(await getLockDate(db, other.companyId)).toBeNull();

    expect(await setLockDate(db, admin, { lockDate: today }, today)).toEqual({ ok: true, lockDate: today });
    expect(await setLockDate(db, admin, { lockDate: "" }, today)).toEqual({ ok: true, lockDate: null });
    expect(await getLockDate(db, admin.companyId)).toBeNull();
  });

  it("refuses a non-admin of the same company and changes nothing", async () => {
    const admin = await member("admin");
    await setLockDate(db, admin, { lockDate: "2026-01-31" }, today);
    const [colleague] = await db.insert(users).values({ email: "colleague@example.test" }).returning();
    await db.insert(memberships).values({ userId: colleague!.id, companyId: admin.companyId, role: "user" });
    const user = (await loadMembership(db, colleague!.id))!;
    expect(user).toMatchObject({ companyId: admin.companyId, role: "user" });

    const result = await setLockDate(db, user, { lockDate: "" }, today);
    expect(inEnglish(result)).toMatchObject({ ok: false, error: "Only an administrator can change the lock date." });
    expect(await getLockDate(db, admin.companyId)).toBe("2026-01-31");
  });

  it("refuses a date in the future or a malformed one with a message under the field", async () => {
    const admin = await member("admin");
    const future = await setLockDate(db, admin, { lockDate: "2026-11-26" }, today);
    expect(inEnglish(future)).toMatchObject({ ok: false, fieldErrors: { lockDate: [expect.stringMatching(/cannot be in the future/)] } });
    const malformed = await setLockDate(db, admin, { lockDate: "2026-02-30" }, today);
    expect(inEnglish(malformed)).toMatchObject({ ok: false, fieldErrors: { lockDate: ["Enter a real date, in the years 1900 to 2999."] } });
    // Year 0 is not a date PostgreSQL stores: refused here, not failed there.
    expect(inEnglish(await setLockDate(db, admin, { lockDate: "0000-01-01" }, today))).toMatchObject({ ok: false, fieldErrors: { lockDate: [expect.any(String)] } });
    expect(await setLockDate(db, admin, { lockDate: "2026-13-01" }, today)).toMatchObject({ ok: false });
    expect(await setLockDate(db, admin, {}, today)).toMatchObject({ ok: false });
    const [row] = await db.select({ lockDate: companies.lockDate }).from(companies).where(eq(companies.id, admin.companyId));
    expect(row?.lockDate).toBeNull();
  });
});
