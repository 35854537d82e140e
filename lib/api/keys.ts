/** API keys in Settings: a company admin creates one (shown once), lists them and revokes them. */
import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import type { Membership } from "@/lib/auth/load-membership";
import { fieldRefusals } from "@/lib/i18n/refusal";
import { storedMessage, type StoredMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { newApiKey } from "./key-format";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "refusals.apiKeyNameRequired" satisfies StoredMessageKey).max(80, "refusals.apiKeyNameTooLong" satisfies StoredMessageKey),
  scope: z.enum(["read", "read_sync"], { message: "refusals.apiKeyScopeInvalid" satisfies StoredMessageKey }),
});

export type CreateApiKeyResult =
  | { ok: true; key: string; id: string }
  | { ok: false; error: StoredMessage; fieldErrors?: Partial<Record<"name" | "scope", StoredMessage[]>> };

type Actor = Pick<Membership, "companyId" | "userId" | "role">;

const ADMIN_ONLY = storedMessage("refusals.apiKeysAdminOnly");

export async function createApiKey(db: Db, actor: Actor, input: unknown): Promise<CreateApiKeyResult> {
  if (actor.role !== "admin") return { ok: false, error: ADMIN_ONLY };
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: storedMessage("refusals.checkFields"), fieldErrors: fieldRefusals(parsed.error) };
  const { key, prefix, hash } = newApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ companyId: actor.companyId, name: parsed.data.name, scope: parsed.data.scope, prefix, keyHash: hash, createdBy: actor.userId })
    .returning({ id: apiKeys.id });
  return { ok: true, key, id: row!.id };
}

export async function revokeApiKey(db: Db, actor: Actor, keyId: unknown, now = new Date()): Promise<{ ok: true } | { ok: false; error: StoredMessage }> {
  if (actor.role !== "admin") return { ok: false, error: ADMIN_ONLY };
  const id = z.uuid().safeParse(keyId);
  if (!id.success) return { ok: false, error: storedMessage("refusals.noSuchApiKey") };
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id.data), eq(apiKeys.companyId, actor.companyId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length ? { ok: true } : { ok: false, error: storedMessage("refusals.apiKeyGone") };
}

export type ApiKeyRow = {
  id: string; name: string; prefix: string; scope: string; createdAt: Date; createdBy: string | null;
  lastUsedAt: Date | null; revokedAt: Date | null;
};

/** The company's keys, newest first; never the hash. */
export async function listApiKeys(db: Db, companyId: string): Promise<ApiKeyRow[]> {
  return db
    .select({
      id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scope: apiKeys.scope, createdAt: apiKeys.createdAt,
      createdBy: users.email, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.companyId, companyId))
    .orderBy(desc(apiKeys.createdAt));
}
