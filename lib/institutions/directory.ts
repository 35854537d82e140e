/**
 * The merged institution directory: each enabled provider's banks, copied into the
 * `institutions` table so search is one indexed query however many banks there are.
 */
import { and, eq, gte, lt, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { institutions, providerDirectoryStatus } from "@/db/schema";
import type { Institution, Provider } from "@/lib/providers/types";
import { storedColumns, storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { ProviderError } from "@/lib/providers/errors";
import { providerErrorMessage } from "@/lib/providers/error-text";

const REFRESH_AFTER_MS = 24 * 60 * 60_000;
const RETRY_FAILED_AFTER_MS = 10 * 60_000;
const UPSERT_BATCH = 1_000;

export type InstitutionsRefreshed = { count: number; delisted: number };

/**
 * Reads the provider's whole directory, then in one transaction: upserts every listed bank
 * (stamping `updated_at` with `now`), marks the provider's rows it no longer lists
 * `available = false` (kept, not deleted: connections reference them and keep syncing; see
 * listed.ts for how the search tells them from banks that are only down), and records the
 * success. A bank listed again is upserted back with the provider's own `available`.
 * A listing that throws, or lists no bank at all (more likely a glitch at the provider than
 * a provider without banks), changes nothing; the caller records the failure.
 */
export async function refreshInstitutions(db: Db, provider: Provider, now = new Date()): Promise<InstitutionsRefreshed> {
  const list = await provider.listInstitutions();
  if (list.length === 0) throw new Error(`${provider.name} listed no banks; the previous directory is kept`);
  return db.transaction(async (tx) => {
    // One refresh of a provider at a time (the Connect page, housekeeping and Inngest may
    // overlap): another's upserts must not land between this one's upserts and its marking.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`institutions:${provider.name}`}))`);
    const [previous] = await tx
      .select({ lastSuccessAt: providerDirectoryStatus.lastSuccessAt })
      .from(providerDirectoryStatus)
      .where(eq(providerDirectoryStatus.provider, provider.name));
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
      await tx
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
    // Every row just listed has updated_at = now, so one statement finds the rest. Counted:
    // rows that were offered until now (available, or listed by the previous refresh though
    // down); rows delisted earlier are neither rewritten nor counted again.
    const delisted = await tx
      .update(institutions)
      .set({ available: false })
      .where(and(
        eq(institutions.provider, provider.name),
        lt(institutions.updatedAt, now),
        or(eq(institutions.available, true), previous?.lastSuccessAt ? gte(institutions.updatedAt, previous.lastSuccessAt) : undefined),
      ))
      .returning({ id: institutions.id });
    await recordAttempt(tx, provider.name, now, { count: list.length });
    return { count: list.length, delisted: delisted.length };
  });
}

async function recordAttempt(db: Db | Tx, provider: string, now: Date, outcome: { count: number } | { error: StoredMessage }) {
  const success = "count" in outcome;
  const stored = success ? null : storedColumns(outcome.error);
  const error = { lastError: stored?.text ?? null, lastErrorKey: stored?.key ?? null, lastErrorParams: stored?.params ?? null };
  await db
    .insert(providerDirectoryStatus)
    .values({ provider, lastAttemptAt: now, lastSuccessAt: success ? now : null, institutionCount: success ? outcome.count : 0, ...error })
    .onConflictDoUpdate({
      target: providerDirectoryStatus.provider,
      // A failed attempt keeps the last good count and time: search still uses that copy.
      set: success
        ? { lastAttemptAt: now, lastSuccessAt: now, institutionCount: outcome.count, ...error }
        : { lastAttemptAt: now, ...error },
    });
}

/** `count`: the banks the provider lists; `delisted`: its banks it stopped listing in this refresh. */
export type DirectoryRefresh = { provider: string; status: "fresh" | "refreshed" | "failed"; count?: number; delisted?: number; error?: string };

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
      const { count, delisted } = await refreshInstitutions(db, provider, now);
      if (delisted > 0) console.info(`[institutions] ${provider.name} no longer lists ${delisted} bank(s); they are out of the search`);
      results.push({ provider: provider.name, status: "refreshed", count, delisted });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.warn(`[institutions] could not refresh ${provider.name}: ${message}`);
      const said = error instanceof ProviderError ? providerErrorMessage(error) : storedMessage("directoryRefreshUnexpected");
      await recordAttempt(db, provider.name, now, { error: said });
      results.push({ provider: provider.name, status: "failed", error: message });
    }
  }
  return results;
}

/** Before a search: load a provider's part of the directory when it is missing or stale. */
export async function ensureInstitutions(db: Db, providers: Provider[], now = new Date()): Promise<void> {
  await refreshDirectory(db, providers, now);
}
