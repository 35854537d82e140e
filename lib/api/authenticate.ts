/**
 * Who is calling the REST API: the company and scope of a valid, unrevoked key, after
 * counting the request against the key's per-minute limit in the same atomic UPDATE.
 */
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { hashApiKey, looksLikeApiKey } from "./key-format";
import { problemResponse } from "./problem";

export type ApiScope = "read" | "read_sync";
export type ApiCaller = { keyId: string; companyId: string; scope: ApiScope; userId: string };

export const RATE_WINDOW_SECONDS = 60;

export function rateLimitPerMinute(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(value) && value > 0 ? value : 120;
}

export async function authenticateApiRequest(
  db: Db,
  authorization: string | null,
  options: { now?: Date; limit?: number } = {},
): Promise<{ ok: true; caller: ApiCaller; remaining: number; limit: number } | { ok: false; response: Response }> {
  const challenge = { "WWW-Authenticate": 'Bearer realm="openbanksync"' };
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) {
    return { ok: false, response: problemResponse("unauthorized", 401, "Send the API key as `Authorization: Bearer <key>`.", { headers: challenge }) };
  }
  const refused = problemResponse("unauthorized", 401, "This API key is not valid: it was revoked, mistyped or never existed.", { headers: challenge });
  if (!looksLikeApiKey(token)) return { ok: false, response: refused };

  const now = options.now ?? new Date();
  const limit = options.limit ?? rateLimitPerMinute();
  const windowStart = new Date(now.getTime() - RATE_WINDOW_SECONDS * 1000);
  // One statement: concurrent requests of the same key serialize on its row, so the count is exact.
  const fresh = sql`${apiKeys.rateWindowStart} is null or ${apiKeys.rateWindowStart} <= ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .update(apiKeys)
    .set({
      rateWindowStart: sql`case when ${fresh} then ${now.toISOString()}::timestamptz else ${apiKeys.rateWindowStart} end`,
      rateCount: sql`case when ${fresh} then 1 else ${apiKeys.rateCount} + 1 end`,
      lastUsedAt: now,
    })
    .where(and(eq(apiKeys.keyHash, hashApiKey(token)), isNull(apiKeys.revokedAt)))
    .returning({
      id: apiKeys.id, companyId: apiKeys.companyId, scope: apiKeys.scope, userId: apiKeys.createdBy,
      rateCount: apiKeys.rateCount, rateWindowStart: apiKeys.rateWindowStart,
    });
  if (!row) return { ok: false, response: refused };
  if (row.rateCount > limit) {
    const retryAfter = Math.max(1, Math.ceil((row.rateWindowStart!.getTime() + RATE_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
    return {
      ok: false,
      response: problemResponse("rate-limited", 429, `This API key may make ${limit} requests a minute. Try again in ${retryAfter} s.`, {
        headers: { "Retry-After": String(retryAfter), "RateLimit-Limit": String(limit), "RateLimit-Remaining": "0" },
      }),
    };
  }
  return {
    ok: true,
    caller: { keyId: row.id, companyId: row.companyId, scope: row.scope === "read_sync" ? "read_sync" : "read", userId: row.userId },
    remaining: limit - row.rateCount,
    limit,
  };
}
