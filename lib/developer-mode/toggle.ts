/** Developer mode: an admin's own switch for the troubleshooting pages (stored per user). */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export async function setDeveloperMode(db: Db, membership: Membership, on: boolean): Promise<{ ok: true } | { ok: false; error: StoredMessage }> {
  if (on && membership.role !== "admin") return { ok: false, error: storedMessage("refusals.developerModeAdminOnly") };
  await db.update(users).set({ developerMode: on }).where(eq(users.id, membership.userId));
  return { ok: true };
}

/** The Online Synchronization pages and their actions are for admins in developer mode. */
export function hasDeveloperAccess(membership: Membership | null): membership is Membership {
  return Boolean(membership && membership.role === "admin" && membership.developerMode);
}
