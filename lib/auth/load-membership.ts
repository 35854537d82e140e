/** Loads a user's membership: their company and role. No session code, so services and tests can use it. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, memberships, users } from "@/db/schema";

export type Membership = {
  userId: string;
  email: string;
  name: string | null;
  companyId: string;
  companyName: string;
  role: "admin" | "user";
  developerMode: boolean;
};

/** The membership of a user id (their first company), or null when they have none. */
export async function loadMembership(database: Db, userId: string): Promise<Membership | null> {
  const [row] = await database
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      developerMode: users.developerMode,
      companyId: memberships.companyId,
      companyName: companies.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}
