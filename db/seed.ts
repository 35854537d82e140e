/**
 * The demo data a newcomer signs in with: one company, an admin and a user.
 * For local use only; `npm run dev` seeds it into the embedded database once.
 */
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { companies, memberships, users } from "./schema";

export const DEMO_PASSWORD = "demo1234";
export const DEMO_USERS = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" as const },
  { email: "user@example.com", name: "Ulysses User", role: "user" as const },
];

/** Creates the demo company and users unless they exist; returns whether it created them. */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email));
  if (existing.length > 0) return false;
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  await db.transaction(async (tx) => {
    const [company] = await tx.insert(companies).values({ name: "Demo Company" }).returning({ id: companies.id });
    for (const demoUser of DEMO_USERS) {
      const [user] = await tx
        .insert(users)
        .values({ email: demoUser.email, name: demoUser.name, passwordHash })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ userId: user!.id, companyId: company!.id, role: demoUser.role });
    }
  });
  return true;
}
