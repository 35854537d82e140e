/** Checks an email and password against the users table, behind the sign-in throttle. */
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { claimSignInAttempt, returnSignInAttempt } from "./login-throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200),
});

// Compared against when the email is unknown, so both paths take the same time.
const UNKNOWN_USER_HASH = bcrypt.hashSync("unknown-user-placeholder", 10);

export type CredentialsCheck =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryInSeconds: number };

/** `address` is the client's address (lib/http/client-address.ts), null when unknown. */
export async function checkCredentials(db: Db, input: unknown, options: { now?: Date; address?: string | null } = {}): Promise<CredentialsCheck> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const claim = await claimSignInAttempt(db, { email, address: options.address ?? null }, options.now);
  if (!claim.allowed) return { ok: false, reason: "throttled", retryInSeconds: claim.retryInSeconds };

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const matches = await bcrypt.compare(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !user.passwordHash || !matches) return { ok: false, reason: "invalid" };
  await returnSignInAttempt(db, claim.keys);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
