import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { isSessionRevoked, revokeSession } from "./revoked-sessions";

describe("revoked sessions", () => {
  it("ends the signed-out session and no other, and tolerates signing out twice", async () => {
    const [user] = await db.insert(users).values({ email: "someone@example.com" }).returning({ id: users.id });
    await revokeSession(db, "session-a", user!.id);
    await revokeSession(db, "session-a", user!.id);
    expect(await isSessionRevoked(db, "session-a")).toBe(true);
    expect(await isSessionRevoked(db, "session-b")).toBe(false);
  });
});
