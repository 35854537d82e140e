/** Settings → Providers: each aggregator, whether it is configured, and its directory's last refresh. */
import type { Db } from "@/db/client";
import { providerDirectoryStatus } from "@/db/schema";
import { showStored } from "@/lib/i18n/stored-message";
import type { Locale } from "@/lib/i18n/locales";
import { isProviderEnabled } from "@/lib/providers";
import { PROVIDER_INFO } from "@/lib/providers/catalog";
import { PROVIDER_NAMES } from "@/lib/providers/types";

/** `lastError` in the reader's language. */
export async function providerOverview(db: Db, locale: Locale) {
  const statuses = await db.select().from(providerDirectoryStatus);
  const known = new Set<string>(PROVIDER_NAMES);
  const names = [...PROVIDER_NAMES, ...Object.keys(PROVIDER_INFO).filter((name) => !known.has(name))];
  return names.map((name) => {
    const status = statuses.find((s) => s.provider === name) ?? null;
    return {
      name,
      label: PROVIDER_INFO[name]?.label ?? name,
      configuration: PROVIDER_INFO[name]?.configuration ?? "",
      implemented: known.has(name),
      configured: known.has(name) && isProviderEnabled(name as (typeof PROVIDER_NAMES)[number]),
      lastRefreshAt: status?.lastSuccessAt ?? null,
      institutionCount: status?.institutionCount ?? 0,
      lastAttemptAt: status?.lastAttemptAt ?? null,
      lastError: status ? showStored({ text: status.lastError, key: status.lastErrorKey, params: status.lastErrorParams }, locale) : null,
    };
  });
}
