import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/testing/in-english";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { loadMembership } from "@/lib/auth/load-membership";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { hasDeveloperAccess, setDeveloperMode } from "./toggle";

async function member(role: "admin" | "user") {
  const { user } = await createCompanyWithUser(db, { role });
  return (await loadMembership(db, user.id))!;
}

const stored = async (userId: string) => (await db.select({ on: users.developerMode }).from(users).where(eq(users.id, userId)))[0]!.on;

describe("developer mode", () => {
  it("an admin turns it on and off for themselves only; it opens the troubleshooting pages while on", async () => {
    const admin = await member("admin");
    const colleague = await member("admin");
    expect(hasDeveloperAccess(admin)).toBe(false);

    expect(await setDeveloperMode(db, admin, true)).toEqual({ ok: true });
    const on = (await loadMembership(db, admin.userId))!;
    expect(on.developerMode).toBe(true);
    expect(hasDeveloperAccess(on)).toBe(true);
    expect(await stored(colleague.userId)).toBe(false);

    expect(await setDeveloperMode(db, on, false)).toEqual({ ok: true });
    expect(await stored(admin.userId)).toBe(false);
  });

  it("a user-role member cannot turn it on, and would not get in even with the flag set", async () => {
    const user = await member("user");
    expect(inEnglish(await setDeveloperMode(db, user, true))).toEqual({ ok: false, error: "Only an administrator can activate developer mode." });
    expect(await stored(user.userId)).toBe(false);
    // A member demoted from admin while in developer mode keeps the flag but loses the pages.
    await db.update(users).set({ developerMode: true }).where(eq(users.id, user.userId));
    expect(hasDeveloperAccess((await loadMembership(db, user.userId))!)).toBe(false);
    expect(await setDeveloperMode(db, user, false)).toEqual({ ok: true });
    expect(await stored(user.userId)).toBe(false);
    expect(hasDeveloperAccess(null)).toBe(false);
  });
});
