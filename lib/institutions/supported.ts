/**
 * The directory of supported institutions, page by page: every bank an enabled provider
 * still lists (as the Connect page's search offers them, listed.ts), one row per provider,
 * in name order, narrowed by search, country and provider. Pages are walked by keyset (the
 * name and id at the page's edge), so the last page of 30,000 banks costs what the first does.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { institutions } from "@/db/schema";
import { enabledProviderNames } from "@/lib/providers";
import { bankHistoryDays } from "./history-days";
import { stillListed } from "./listed";
import { byName, escapeLike, startsWith } from "./search";

export type DirectoryFilter = { query: string; country: string | null; provider: string | null };

/** Where a page starts: just after (next) or just before (previous) a row shown. */
export const directoryCursorSchema = z.object({ direction: z.enum(["after", "before"]), name: z.string().max(500), id: z.uuid() });
export type DirectoryCursor = z.infer<typeof directoryCursorSchema>;

export type DirectoryRow = {
  id: string;
  name: string;
  country: string;
  bic: string | null;
  provider: string;
  beta: boolean;
  available: boolean;
  maxHistoryDays: number;
  /** The bank refuses background refresh: only Fetch Transactions brings its lines. */
  manualOnly: boolean;
};

export type DirectoryPage = { rows: DirectoryRow[]; total: number; previous: DirectoryCursor | null; next: DirectoryCursor | null };

export const DIRECTORY_PAGE_SIZE = 50;

const sortKey = sql<string>`${byName}`;
const rowKey = sql`(${byName}, ${institutions.id})`;

export async function listSupportedInstitutions(
  db: Db,
  filter: DirectoryFilter,
  cursor: DirectoryCursor | null,
  options: { limit?: number; providers?: readonly string[] } = {},
): Promise<DirectoryPage> {
  const limit = options.limit ?? DIRECTORY_PAGE_SIZE;
  const enabled = options.providers ?? enabledProviderNames();
  const providers = filter.provider ? enabled.filter((p) => p === filter.provider) : enabled;
  if (providers.length === 0) return { rows: [], total: 0, previous: null, next: null };

  const conditions: (SQL | undefined)[] = [inArray(institutions.provider, [...providers]), stillListed];
  if (filter.country) conditions.push(eq(institutions.country, filter.country.toUpperCase()));
  const query = filter.query.trim().toLowerCase();
  if (query) {
    const escaped = escapeLike(query);
    // Any part of the name (the trigram index), or the start of the BIC.
    conditions.push(or(sql`lower(${institutions.name}) like ${`%${escaped}%`}`, startsWith(institutions.bic, query, escaped)));
  }
  const matching = and(...conditions);
  const beyond = cursor && (cursor.direction === "after"
    ? sql`${rowKey} > (${cursor.name}, ${cursor.id}::uuid)`
    : sql`${rowKey} < (${cursor.name}, ${cursor.id}::uuid)`);
  const backwards = cursor?.direction === "before";

  const [fetched, [counted]] = await Promise.all([
    db
      .select({
        id: institutions.id, name: institutions.name, country: institutions.country, bic: institutions.bic, provider: institutions.provider,
        beta: institutions.beta, available: institutions.available, maxHistoryDays: bankHistoryDays,
        supportsBackgroundRefresh: institutions.supportsBackgroundRefresh, sortKey,
      })
      .from(institutions)
      .where(and(matching, beyond ?? undefined))
      .orderBy(...(backwards ? [desc(byName), desc(institutions.id)] : [asc(byName), asc(institutions.id)]))
      .limit(limit + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(institutions).where(matching),
  ]);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const edge = (direction: DirectoryCursor["direction"], row: (typeof page)[number] | undefined) => (row ? { direction, name: row.sortKey, id: row.id } : null);
  return {
    rows: page.map((row) => ({
      id: row.id, name: row.name, country: row.country, bic: row.bic, provider: row.provider, beta: row.beta,
      available: row.available, maxHistoryDays: row.maxHistoryDays, manualOnly: !row.supportsBackgroundRefresh,
    })),
    total: counted?.total ?? 0,
    // Past the edge in the direction walked only when more rows were found there; the way
    // back always has the row the cursor named.
    previous: backwards ? (more ? edge("before", first) : null) : cursor ? edge("before", first) : null,
    next: backwards ? edge("after", last) : more ? edge("after", last) : null,
  };
}

/** A cursor as one URL parameter (`?after=…` or `?before=…`). */
export function cursorParam(cursor: DirectoryCursor): Record<string, string> {
  return { [cursor.direction]: Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString("base64url") };
}

/** The cursor a page's URL names; anything unreadable is the first page. */
export function cursorFromParams(params: { after?: string; before?: string }): DirectoryCursor | null {
  const direction = params.after ? "after" : params.before ? "before" : null;
  if (!direction) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from((params.after ?? params.before)!, "base64url").toString("utf8")) as unknown[];
    const parsed = directoryCursorSchema.safeParse({ direction, name, id });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
