/**
 * The merged institution directory: each enabled provider's banks, copied into the
 * `institutions` table so search is one indexed query however many banks there are.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import type { Institution, Provider } from "@/lib/providers/types";

const REFRESH_AFTER_MS = 24 * 60 * 60_000;
const RETRY_FAILED_AFTER_MS = 10 * 60_000;
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
      dailyCallLimit: i.dailyCallLimit ?? null,
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
          available: sql`excluded.available`, dailyCallLimit: sql`excluded.daily_call_limit`, updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  return list.length;
}

async function recordAttempt(db: Db, provider: string, now: Date, outcome: { count: number } | { error: string }) {
  const success = "count" in outcome;
  await db
    .insert(providerDirectoryStatus)
    .values({ provider, lastAttemptAt: now, lastSuccessAt: success ? now : null, institutionCount: success ? outcome.count : 0, lastError: success ? null : outcome.error })
    .onConflictDoUpdate({
      target: providerDirectoryStatus.provider,
      // A failed attempt keeps the last good count and time: search still uses that copy.
      set: success
        ? { lastAttemptAt: now, lastSuccessAt: now, institutionCount: outcome.count, lastError: null }
        : { lastAttemptAt: now, lastError: outcome.error },
    });
}

export type DirectoryRefresh = { provider: string; status: "fresh" | "refreshed" | "failed"; count?: number; error?: string };

/**
 * Refreshes each provider's part of the directory that is missing or older than a day (or
 * all of them with `force`), and records how it went for Settings → Providers. A provider
 * that fails keeps its previous copy; the next pass tries again.
 */
export async function refreshDirectory(db: Db, providers: Provider[], now = new Date(), options: { force?: boolean } = {}): Promise<DirectoryRefresh[]> {
  const statuses = await db.select().from(providerDirectoryStatus);
  const results: DirectoryRefresh[] = [];
  for (const provider of providers) {
    const status = statuses.find((s) => s.provider === provider.name);
    const fresh = status?.lastSuccessAt && now.getTime() - status.lastSuccessAt.getTime() < REFRESH_AFTER_MS;
    // A provider that just failed is not asked again on every keystroke of a search.
    const backingOff = status?.lastError && now.getTime() - status.lastAttemptAt.getTime() < RETRY_FAILED_AFTER_MS;
    if ((fresh || backingOff) && !options.force) {
      results.push({ provider: provider.name, status: "fresh" });
      continue;
    }
    try {
      const count = await refreshInstitutions(db, provider, now);
      await recordAttempt(db, provider.name, now, { count });
      results.push({ provider: provider.name, status: "refreshed", count });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.warn(`[institutions] could not refresh ${provider.name}: ${message}`);
      await recordAttempt(db, provider.name, now, { error: message });
      results.push({ provider: provider.name, status: "failed", error: message });
    }
  }
  return results;
}

/** Before a search: load a provider's part of the directory when it is missing or stale. */
export async function ensureInstitutions(db: Db, providers: Provider[], now = new Date()): Promise<void> {
  await refreshDirectory(db, providers, now);
}
