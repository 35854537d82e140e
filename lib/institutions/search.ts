/**
 * Institution search as the user types: by any part of the name, by BIC, or by country,
 * answered from the trigram and BIC indexes. Only banks of enabled providers are offered:
 * a provider's rows stay in the directory while it is not configured, and come back when it is.
 * Banks served by several providers come back once (same-bank.ts), with the list of providers
 * to choose from, the country's default provider first. A bank its provider no longer lists
 * is not offered (listed.ts); one that is only down is, marked unavailable.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { institutions } from "@/db/schema";
import { enabledProviderNames } from "@/lib/providers";
import { bankHistoryDays } from "./history-days";
import { stillListed } from "./listed";
import { sortByPreference } from "./provider-preference";
import { groupSameBank } from "./same-bank";

export type InstitutionOption = {
  id: string;
  provider: string;
  beta: boolean;
  available: boolean;
  maxHistoryDays: number;
  supportsBackgroundRefresh: boolean;
  accountTypes: string[];
};

export type InstitutionResult = { name: string; country: string; bic: string | null; logoUrl: string | null; options: InstitutionOption[] };

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const columns = {
  id: institutions.id, name: institutions.name, country: institutions.country, bic: institutions.bic, logoUrl: institutions.logoUrl,
  provider: institutions.provider, beta: institutions.beta, available: institutions.available, maxHistoryDays: bankHistoryDays,
  supportsBackgroundRefresh: institutions.supportsBackgroundRefresh, accountTypes: institutions.accountTypes,
};

// The order of institutions_name_prefix_idx: a prefix search reads the index and stops.
export const byName = sql`lower(${institutions.name}) collate "C"`;
/**
 * `column` starts with `prefix`. The range lets a prepared statement's generic plan use the
 * index too (it cannot for `like $1`, whose pattern it does not know); the LIKE keeps it exact.
 */
export const startsWith = (column: typeof institutions.name | typeof institutions.bic, raw: string, escaped: string) =>
  sql`((lower(${column}) collate "C") >= ${raw} and (lower(${column}) collate "C") < ${`${raw}\uffff`} and (lower(${column}) collate "C") like ${`${escaped}%`})`;

export type SearchInput = {
  query: string;
  country?: string | null;
  limit?: number;
  /** The providers whose banks are offered; by default the enabled ones (the bench passes its own). */
  providers?: readonly string[];
};

export async function searchInstitutions(db: Db, input: SearchInput): Promise<InstitutionResult[]> {
  const providers = input.providers ?? enabledProviderNames();
  if (providers.length === 0) return [];
  const query = input.query.trim();
  const lowered = escapeLike(query.toLowerCase());
  const limit = input.limit ?? 20;
  const wanted = limit * 3; // several providers may offer the same bank
  const inCountry = input.country ? eq(institutions.country, input.country.toUpperCase()) : undefined;
  const offered = and(inArray(institutions.provider, [...providers]), stillListed);

  // First the names that start with what was typed, then BICs that do, then a country
  // code: each its own query, so each reads its index in order and stops at `wanted`.
  const prefixQueries: SQL[] = [];
  if (query) {
    prefixQueries.push(startsWith(institutions.name, query.toLowerCase(), lowered));
    if (/^[A-Za-z0-9]{4,11}$/.test(query)) prefixQueries.push(startsWith(institutions.bic, query.toLowerCase(), lowered));
    if (/^[A-Za-z]{2}$/.test(query)) prefixQueries.push(eq(institutions.country, query.toUpperCase()));
  }
  const selectPage = (condition: SQL | undefined) =>
    db.select(columns).from(institutions).where(and(offered, inCountry, condition)).orderBy(byName).limit(wanted);
  const rows: Awaited<ReturnType<typeof selectPage>> = [];
  const seen = new Set<string>();
  const add = (found: typeof rows) => {
    for (const row of found) {
      if (rows.length < wanted && !seen.has(row.id)) {
        seen.add(row.id);
        rows.push(row);
      }
    }
  };
  if (prefixQueries.length === 0) add(await selectPage(undefined));
  for (const condition of prefixQueries) if (rows.length < wanted) add(await selectPage(condition));

  // …then names that contain it (the trigram index from three characters on; shorter
  // queries rarely get here, since a page of names starting with them is usually full).
  if (query && rows.length < wanted) add(await selectPage(sql`lower(${institutions.name}) like ${`%${lowered}%`}`));

  return groupSameBank(rows).slice(0, limit).map((group): InstitutionResult => {
    const first = group[0]!;
    return {
      name: first.name, country: first.country, bic: group.find((row) => row.bic)?.bic ?? null, logoUrl: group.find((row) => row.logoUrl)?.logoUrl ?? null,
      options: sortByPreference(group.map((row) => ({
        id: row.id, provider: row.provider, beta: row.beta, available: row.available, maxHistoryDays: row.maxHistoryDays,
        supportsBackgroundRefresh: row.supportsBackgroundRefresh, accountTypes: row.accountTypes,
      })), first.country),
    };
  });
}

/** The countries the search can offer banks in (of the enabled providers, by default). */
export async function listCountries(db: Db, providers: readonly string[] = enabledProviderNames()): Promise<string[]> {
  if (providers.length === 0) return [];
  const rows = await db
    .selectDistinct({ country: institutions.country })
    .from(institutions)
    .where(and(inArray(institutions.provider, [...providers]), stillListed))
    .orderBy(asc(institutions.country));
  return rows.map((r) => r.country);
}
