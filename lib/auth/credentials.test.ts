import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { checkCredentials } from "./credentials";

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const { user } = await createCompanyWithUser(db, { email: "ada@example.test", password: "s3cret-pass" });
    const result = await checkCredentials(db, { email: "ADA@example.test", password: "s3cret-pass" });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: "ada@example.test", name: user.name } });
  });

  it("answers the same for a wrong password and an unknown email", async () => {
    await createCompanyWithUser(db, { email: "ada@example.test", password: "s3cret-pass" });
    expect(await checkCredentials(db, { email: "ada@example.test", password: "nope" })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, { email: "ghost@example.test", password: "nope" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows down repeated failures, even for the right password, until the cool-down passes", async () => {
    await createCompanyWithUser(db, { email: "ada@example.test", password: "s3cret-pass" });
    const start = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 5; i += 1) {
      expect((await checkCredentials(db, { email: "ada@example.test", password: "guess" }, start)).ok).toBe(false);
    }
    const blocked = await checkCredentials(db, { email: "ada@example.test", password: "s3cret-pass" }, new Date(start.getTime() + 1000));
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryInSeconds: 29 });
    const later = await checkCredentials(db, { email: "ada@example.test", password: "s3cret-pass" }, new Date(start.getTime() + 31_000));
    expect(later.ok).toBe(true);
    // Success clears the count: one more failure does not block.
    await checkCredentials(db, { email: "ada@example.test", password: "guess" }, new Date(start.getTime() + 32_000));
    expect((await checkCredentials(db, { email: "ada@example.test", password: "s3cret-pass" }, new Date(start.getTime() + 33_000))).ok).toBe(true);
  });
});
