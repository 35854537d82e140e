/**
 * The import's edges, called as the browser calls them with the session mocked at the one
 * authorization helper: the upload route, the progress route and the Import / Cancel
 * actions refuse other companies' accounts and imports, strangers and hostile input, and
 * write nothing when they refuse.
 */
import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { statementImports, transactions } from "@/db/schema";
import { loadMembership, type Membership } from "@/lib/auth/load-membership";
import { createCompanyWithUser, createManualBankAccount } from "@/lib/testing/fixtures";
import { signInAs } from "@/lib/testing/signed-in";

vi.mock("@/lib/auth/membership", async () => (await import("@/lib/testing/signed-in")).membershipStandIn);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { POST: upload } = await import("@/app/api/statement-imports/upload/route");
const { GET: progress } = await import("./progress/route");
const { commitImportAction, discardImportAction } = await import("./actions");

const OFX = (accountNumber: string) => `OFXHEADER:100
DATA:OFXSGML

<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>
<CURDEF>EUR
<BANKACCTFROM><ACCTID>${accountNumber}
</BANKACCTFROM>
<BANKTRANLIST>
<STMTTRN><TRNTYPE>DEBIT
<DTPOSTED>20240105
<TRNAMT>-12.00
<FITID>AUTH-1
<NAME>Bakery
</STMTTRN>
</BANKTRANLIST>
</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
`;

function uploadRequest(query: Record<string, string>, body: string, headers: Record<string, string> = {}) {
  return new NextRequest(`http://app.test/api/statement-imports/upload?${new URLSearchParams(query)}`, {
    method: "POST",
    body,
    headers: { host: "app.test", ...headers },
  });
}

let mine: { accountId: string; member: Membership };
let theirs: { accountId: string; member: Membership };

beforeEach(async () => {
  const a = await createCompanyWithUser(db, { role: "user" });
  const b = await createCompanyWithUser(db);
  mine = { accountId: (await createManualBankAccount(db, a.company.id, { accountNumber: "A-1" })).id, member: (await loadMembership(db, a.user.id))! };
  theirs = { accountId: (await createManualBankAccount(db, b.company.id, { accountNumber: "B-1" })).id, member: (await loadMembership(db, b.user.id))! };
  signInAs(mine.member);
});

async function written() {
  const [lines] = await db.select({ n: count() }).from(transactions);
  const [imports] = await db.select({ n: count() }).from(statementImports);
  return { transactions: lines!.n, imports: imports!.n };
}

describe("statement import authorization", () => {
  it("a user-role member uploads, sees the progress, and imports into the company's account", async () => {
    const importId = randomUUID();
    const response = await upload(uploadRequest({ account: mine.accountId, importId, name: "jan.ofx" }, OFX("A-1"), { origin: "http://app.test" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, importId, preview: { new: 1, present: 0 } });
    const polled = await progress(new NextRequest(`http://app.test/accounts/${mine.accountId}/import/progress?importId=${importId}`));
    expect(await polled.json()).toEqual({ status: "previewed", processedLines: 1, totalLines: 1, error: null });
    expect(await commitImportAction({ bankAccountId: mine.accountId, importId })).toEqual({ ok: true, message: "1 transaction imported." });
  });

  it("refuses anonymous uploads, foreign pages, oversize and hostile input without a write", async () => {
    const query = { account: mine.accountId, importId: randomUUID(), name: "x.ofx" };
    signInAs(null);
    expect((await upload(uploadRequest(query, OFX("A-1")))).status).toBe(401);
    signInAs(mine.member);
    const refusals = [
      [uploadRequest(query, OFX("A-1"), { origin: "https://evil.example" }), 403, "Uploads are accepted from this app's own pages only."],
      [uploadRequest(query, OFX("A-1"), { origin: "null" }), 403, "Uploads are accepted from this app's own pages only."],
      [uploadRequest({ ...query, importId: "1; drop table transactions" }, OFX("A-1")), 400, "The upload has no valid import id."],
      [uploadRequest({ ...query, account: "not-a-uuid" }, OFX("A-1")), 400, "No such bank account."],
      [uploadRequest({ ...query, mapping: "{not json" }, OFX("A-1")), 400, "The CSV mapping is not readable."],
      [uploadRequest(query, OFX("A-1"), { "content-length": String(60 * 1024 * 1024) }), 413, "The file is larger than 50 MB; split it into smaller periods."],
      [uploadRequest({ ...query, account: theirs.accountId }, OFX("B-1")), 422, "No such bank account."],
      [uploadRequest({ ...query, mapping: JSON.stringify({ dateColumn: -1 }) }, "Date,Amount\n2024-01-01,5\n"), 422, expect.stringMatching(/^Choose the CSV columns first/)],
    ] as const;
    for (const [request, status, error] of refusals) {
      const response = await upload(request);
      expect([response.status, (await response.json()).error]).toEqual([status, error]);
    }
    expect(await written()).toEqual({ transactions: 0, imports: 0 });
  });

  it("another company's import cannot be polled, committed or cancelled", async () => {
    const importId = randomUUID();
    signInAs(theirs.member);
    expect((await upload(uploadRequest({ account: theirs.accountId, importId, name: "b.ofx" }, OFX("B-1")))).status).toBe(200);
    signInAs(mine.member);
    const polled = await progress(new NextRequest(`http://app.test/accounts/${mine.accountId}/import/progress?importId=${importId}`));
    expect((await polled.json()).status).toBe("waiting");
    expect(await commitImportAction({ bankAccountId: theirs.accountId, importId })).toEqual({ ok: false, error: "No such import." });
    expect(await discardImportAction({ bankAccountId: theirs.accountId, importId })).toEqual({ ok: false, error: "This import can no longer be cancelled." });
    expect(await commitImportAction({ bankAccountId: "x", importId: "y" })).toEqual({ ok: false, error: "No such import." });
    expect(await written()).toEqual({ transactions: 0, imports: 1 });
    signInAs(theirs.member);
    expect(await commitImportAction({ bankAccountId: theirs.accountId, importId })).toMatchObject({ ok: true });
  });
});
