/**
 * A company of its own for a spec that counts what the dashboard shows (the demo company
 * collects the connections of every other spec), with one administrator who can sign in.
 */
import crypto from "node:crypto";
import bcrypt from "bcryptjs";
import { withE2eDb } from "./database";

export async function freshCompany(label: string): Promise<{ email: string; password: string; companyId: string }> {
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = "fresh-company-password";
  const companyId = await withE2eDb(async (sql) => {
    const [company] = await sql<{ id: string }[]>`insert into companies (name) values (${`${label} company`}) returning id`;
    const userId = crypto.randomUUID();
    await sql`insert into users (id, email, name, password_hash) values (${userId}, ${email}, ${label}, ${bcrypt.hashSync(password, 10)})`;
    await sql`insert into memberships (user_id, company_id, role) values (${userId}, ${company!.id}, 'admin')`;
    return company!.id;
  });
  return { email, password, companyId };
}

/** Manual accounts straight into the database, when a spec needs many and not the form. */
export async function insertManualAccounts(companyId: string, names: string[]): Promise<void> {
  await withE2eDb(async (sql) => {
    for (const [index, name] of names.entries()) {
      await sql`insert into bank_accounts (company_id, name, account_number, currency) values (${companyId}, ${name}, ${`NL00TEST00000000${String(index).padStart(2, "0")}`}, 'EUR')`;
    }
  });
}
