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
