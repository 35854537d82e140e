/**
 * "Sign out" ends the session on the server too. Sessions are JWTs: without this, a copy of
 * the cookie, or a request still in flight whose answer rolls the cookie again, would keep
 * the session alive until it expires.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { revokedSessions } from "@/db/schema";

export async function revokeSession(database: Db, sessionId: string, userId: string): Promise<void> {
  await database.insert(revokedSessions).values({ sessionId, userId }).onConflictDoNothing();
}

export async function isSessionRevoked(database: Db, sessionId: string): Promise<boolean> {
  const [row] = await database
    .select({ sessionId: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(eq(revokedSessions.sessionId, sessionId))
    .limit(1);
  return Boolean(row);
}

/** The session token unless its session was signed out (Auth.js then clears the cookie and answers "signed out"). */
export async function unlessRevoked<T extends { sid?: string }>(database: Db, token: T): Promise<T | null> {
  return token.sid && (await isSessionRevoked(database, token.sid)) ? null : token;
}
