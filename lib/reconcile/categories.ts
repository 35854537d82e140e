/** The counterpart labels a company keeps, offered as suggestions when reconciling. */
import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { counterpartCategories } from "@/db/schema";

export async function listCounterpartCategories(db: Db, companyId: string): Promise<string[]> {
  const rows = await db
    .select({ name: counterpartCategories.name })
    .from(counterpartCategories)
    .where(eq(counterpartCategories.companyId, companyId))
    .orderBy(asc(sql`lower(${counterpartCategories.name})`));
  return rows.map((row) => row.name);
}

/**
 * The label as the company spells it: "office supplies" typed by hand becomes the kept
 * category "Office supplies", so one counterpart is not written three ways. With `keep`,
 * a new label becomes a category.
 */
export async function resolveCounterpartLabel(tx: Tx, companyId: string, label: string, keep: boolean): Promise<string> {
  const [existing] = await tx
    .select({ name: counterpartCategories.name })
    .from(counterpartCategories)
    .where(sql`${counterpartCategories.companyId} = ${companyId} and lower(${counterpartCategories.name}) = lower(${label})`);
  if (existing) return existing.name;
  if (keep) {
    await tx.insert(counterpartCategories).values({ companyId, name: label }).onConflictDoNothing();
  }
  return label;
}
