/**
 * The merged institution directory: each enabled provider's banks, copied into the
 * `institutions` table so search is one indexed query however many banks there are.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { institutions } from "@/db/schema";
import type { Institution, Provider } from "@/lib/providers/types";

const REFRESH_AFTER_MS = 24 * 60 * 60_000;
const UPSERT_BATCH = 1_000;

export async function refreshInstitutions(db: Db, provider: Provider, now = new Date()): Promise<number> {
  const list = await provider.listInstitutions();
  for (let start = 0; start < list.length; start += UPSERT_BATCH) {
    const batch = list.slice(start, start + UPSERT_BATCH).map((i: Institution) => ({
      provider: i.provider,
      providerInstitutionId: i.providerInstitutionId,
      name: i.name,
      country: i.country.toUpperCase(),
      bic: i.bic,
      logoUrl: i.logoUrl,
      beta: i.beta,
      maxHistoryDays: i.maxHistoryDays,
      supportsBackgroundRefresh: i.supportsBackgroundRefresh,
      accountTypes: i.accountTypes,
      available: i.available,
      updatedAt: now,
    }));
    await db
      .insert(institutions)
      .values(batch)
      .onConflictDoUpdate({
        target: [institutions.provider, institutions.providerInstitutionId],
        set: {
          name: sql`excluded.name`, country: sql`excluded.country`, bic: sql`excluded.bic`, logoUrl: sql`excluded.logo_url`,
          beta: sql`excluded.beta`, maxHistoryDays: sql`excluded.max_history_days`,
          supportsBackgroundRefresh: sql`excluded.supports_background_refresh`, accountTypes: sql`excluded.account_types`,
          available: sql`excluded.available`, updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  return list.length;
}

/** Refreshes a provider's part of the directory when it is empty or older than a day. */
export async function ensureInstitutions(db: Db, providers: Provider[], now = new Date()): Promise<void> {
  for (const provider of providers) {
    const [fresh] = await db
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.provider, provider.name), gt(institutions.updatedAt, new Date(now.getTime() - REFRESH_AFTER_MS))))
      .limit(1);
    if (fresh) continue;
    try {
      await refreshInstitutions(db, provider, now);
    } catch (error) {
      // Search keeps working on the copy we have; the next search tries again.
      console.warn(`[institutions] could not refresh ${provider.name}:`, error instanceof Error ? error.message : error);
    }
  }
}
