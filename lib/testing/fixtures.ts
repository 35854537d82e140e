/** Rows that service tests build on: companies, users with a role, bank accounts. */
import bcrypt from "bcryptjs";
import type { Db } from "@/db/client";
import { bankAccounts, companies, memberships, users } from "@/db/schema";

let counter = 0;

export async function createCompanyWithUser(
  db: Db,
  options: { companyName?: string; email?: string; role?: "admin" | "user"; password?: string } = {},
) {
  counter += 1;
  const [company] = await db
    .insert(companies)
    .values({ name: options.companyName ?? `Company ${counter}` })
    .returning();
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `user${counter}@example.test`,
      name: `User ${counter}`,
      passwordHash: options.password ? await bcrypt.hash(options.password, 4) : null,
    })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, companyId: company!.id, role: options.role ?? "admin" });
  return { company: company!, user: user! };
}

export async function createManualBankAccount(db: Db, companyId: string, overrides: Partial<typeof bankAccounts.$inferInsert> = {}) {
  const [account] = await db
    .insert(bankAccounts)
    .values({ companyId, name: "Main account", accountNumber: "DE89370400440532013000", currency: "EUR", ...overrides })
    .returning();
  return account!;
}
