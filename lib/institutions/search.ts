/**
 * Institution search as the user types: by any part of the name, by BIC, or by country,
 * answered from the trigram and BIC indexes. Banks served by several providers come back
 * once, with the list of providers to choose from.
 */
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { institutions } from "@/db/schema";

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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchInstitutions(db: Db, input: { query: string; country?: string | null; limit?: number }): Promise<InstitutionResult[]> {
  const query = input.query.trim();
  const limit = input.limit ?? 20;
  const filters: SQL[] = [];
  if (input.country) filters.push(eq(institutions.country, input.country.toUpperCase()));
  if (query) {
    const matches = [sql`lower(${institutions.name}) like ${`%${escapeLike(query.toLowerCase())}%`}`];
    if (/^[A-Za-z0-9]{4,11}$/.test(query)) matches.push(ilike(institutions.bic, `${escapeLike(query)}%`));
    if (/^[A-Za-z]{2}$/.test(query)) matches.push(eq(institutions.country, query.toUpperCase()));
    filters.push(or(...matches)!);
  }
  const rows = await db
    .select({
      id: institutions.id, name: institutions.name, country: institutions.country, bic: institutions.bic, logoUrl: institutions.logoUrl,
      provider: institutions.provider, beta: institutions.beta, available: institutions.available, maxHistoryDays: institutions.maxHistoryDays,
      supportsBackgroundRefresh: institutions.supportsBackgroundRefresh, accountTypes: institutions.accountTypes,
    })
    .from(institutions)
    .where(filters.length ? and(...filters) : undefined)
    // Names that start with the query first, then the shortest (closest) names.
    .orderBy(
      ...(query ? [sql`lower(${institutions.name}) like ${`${escapeLike(query.toLowerCase())}%`} desc`] : []),
      sql`length(${institutions.name})`,
      asc(institutions.name),
    )
    .limit(limit * 3);

  const grouped = new Map<string, InstitutionResult>();
  for (const row of rows) {
    const key = `${row.name.toLowerCase()}|${row.country}|${row.bic ?? ""}`;
    const result = grouped.get(key) ?? { name: row.name, country: row.country, bic: row.bic, logoUrl: row.logoUrl, options: [] };
    result.options.push({
      id: row.id, provider: row.provider, beta: row.beta, available: row.available, maxHistoryDays: row.maxHistoryDays,
      supportsBackgroundRefresh: row.supportsBackgroundRefresh, accountTypes: row.accountTypes,
    });
    grouped.set(key, result);
  }
  return [...grouped.values()].slice(0, limit);
}

export async function listCountries(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ country: institutions.country }).from(institutions).orderBy(asc(institutions.country));
  return rows.map((r) => r.country);
}
