/** /api/auth/session, as the browser's session check reads it: a signed-out session is no session. */
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { revokeSession } from "@/lib/auth/revoked-sessions";
import { GET } from "./route";

const COOKIE = "authjs.session-token";

async function sessionWith(token: Record<string, unknown>): Promise<{ body: unknown; setCookie: string | null }> {
  const value = await encode({ token, secret: process.env.AUTH_SECRET!, salt: COOKIE });
  const response = await GET(new NextRequest("http://localhost:3000/api/auth/session", { headers: { cookie: `${COOKIE}=${value}` } }));
  return { body: await response.json(), setCookie: response.headers.get("set-cookie") };
}

describe("/api/auth/session", () => {
  it("answers the signed-in user, and nothing once that session was signed out", async () => {
    const [user] = await db.insert(users).values({ email: "ada@example.test", name: "Ada" }).returning({ id: users.id });
    const token = { sub: user!.id, sid: "session-1", name: "Ada", email: "ada@example.test" };
    expect((await sessionWith(token)).body).toMatchObject({ user: { id: user!.id, email: "ada@example.test", name: "Ada" } });

    await revokeSession(db, "session-1", user!.id);
    const signedOut = await sessionWith(token);
    expect(signedOut.body).toBeNull();
    expect(signedOut.setCookie).toContain(`${COOKIE}=;`);
    // Another session of the same user is untouched.
    expect((await sessionWith({ ...token, sid: "session-2" })).body).toMatchObject({ user: { id: user!.id } });
  });
});
