/**
 * How many banks the directory offers ("Search over N banks" on the dashboard): the rows the
 * institution search can return, i.e. of enabled providers and still listed (./listed.ts).
 */
import { and, count, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { institutions } from "@/db/schema";
import { enabledProviderNames } from "@/lib/providers";
import { stillListed } from "./listed";

export async function countOfferedInstitutions(db: Db, providers: readonly string[] = enabledProviderNames()): Promise<number> {
  if (providers.length === 0) return 0;
  const [row] = await db.select({ total: count() }).from(institutions).where(and(inArray(institutions.provider, [...providers]), stillListed));
  return row?.total ?? 0;
}
