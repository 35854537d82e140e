/** A company with no bank account, for browser tests of first-run pages (e2e only). */
import bcrypt from "bcryptjs";
import type { Db } from "../../db/client";
import { DEMO_PASSWORD } from "../../db/seed";
import { companies, memberships, users } from "../../db/schema";

export const EMPTY_COMPANY_USER = "empty@example.com";

export async function seedEmptyCompany(db: Db): Promise<void> {
  const [company] = await db.insert(companies).values({ name: "Empty Company" }).returning({ id: companies.id });
  const [user] = await db
    .insert(users)
    .values({ email: EMPTY_COMPANY_USER, name: "Erin Empty", passwordHash: await bcrypt.hash(DEMO_PASSWORD, 10) })
    .returning({ id: users.id });
  await db.insert(memberships).values({ userId: user!.id, companyId: company!.id, role: "admin" });
}
