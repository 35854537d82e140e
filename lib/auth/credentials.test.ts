import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { createCompanyWithUser } from "@/lib/testing/fixtures";
import { checkCredentials } from "./credentials";

const ADA = { email: "ada@example.test", password: "s3cret-pass" };
const start = new Date("2026-01-01T10:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("checkCredentials", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const { user } = await createCompanyWithUser(db, ADA);
    const result = await checkCredentials(db, { email: "ADA@example.test", password: ADA.password });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: ADA.email, name: user.name } });
  });

  it("answers the same for a wrong password and an unknown email", async () => {
    await createCompanyWithUser(db, ADA);
    expect(await checkCredentials(db, { email: ADA.email, password: "nope" })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, { email: "ghost@example.test", password: "nope" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("checks five passwords per account in fifteen minutes, even the right one after that", async () => {
    await createCompanyWithUser(db, ADA);
    for (let i = 0; i < 5; i += 1) {
      expect(await checkCredentials(db, { email: ADA.email, password: "guess" }, { now: at(i * 1000) })).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await checkCredentials(db, { email: ADA.email, password: ADA.password }, { now: at(60_000) });
    expect(blocked).toEqual({ ok: false, reason: "throttled", retryInSeconds: 14 * 60 });
    const later = await checkCredentials(db, ADA, { now: at(15 * 60_000) });
    expect(later.ok).toBe(true);
  });

  it("evaluates at most five passwords of a parallel burst, and a success does not reset the count", async () => {
    await createCompanyWithUser(db, ADA);
    const compare = vi.spyOn(bcrypt, "compare");
    const burst = Array.from({ length: 40 }, (_, i) => ({ email: ADA.email, password: i === 39 ? ADA.password : `guess-${i}` }));
    const results = await Promise.all(burst.map((input) => checkCredentials(db, input, { now: at(0), address: "203.0.113.9" })));
    expect(compare).toHaveBeenCalledTimes(5);
    expect(results.filter((result) => result.ok === false && result.reason === "throttled")).toHaveLength(35);
    // Whatever passed, the burst's failures still count: the account stays throttled.
    expect(await checkCredentials(db, ADA, { now: at(1000) })).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("a user who gets it right keeps the attempts the mistakes used, no more", async () => {
    await createCompanyWithUser(db, ADA);
    await checkCredentials(db, { email: ADA.email, password: "typo" }, { now: at(0) });
    for (let i = 1; i <= 6; i += 1) expect((await checkCredentials(db, ADA, { now: at(i * 1000) })).ok).toBe(true);
    for (let i = 0; i < 4; i += 1) await checkCredentials(db, { email: ADA.email, password: "typo" }, { now: at(10_000 + i) });
    expect(await checkCredentials(db, ADA, { now: at(20_000) })).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("limits guesses from one address across accounts", async () => {
    for (let i = 0; i < 20; i += 1) {
      await checkCredentials(db, { email: `user${i}@example.test`, password: "guess" }, { now: at(i), address: "198.51.100.7" });
    }
    expect(await checkCredentials(db, { email: "user99@example.test", password: "guess" }, { now: at(100), address: "198.51.100.7" }))
      .toMatchObject({ ok: false, reason: "throttled" });
    expect(await checkCredentials(db, { email: "user99@example.test", password: "guess" }, { now: at(100), address: "198.51.100.8" }))
      .toEqual({ ok: false, reason: "invalid" });
  });
});
