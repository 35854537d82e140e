/**
 * No ISO 20022 XSD is available offline (not in any installed package), so this checks
 * what the camt.053.001.02 schema would: the element order of each sequence we write,
 * the mandatory elements, and the Max35Text / amount formats.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CAMT053_NAMESPACE, writeCamt053 } from "./camt053";
import type { StatementPeriod } from "./period";

type Ordered = Record<string, unknown>[];
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false });

const period: StatementPeriod = {
  account: { id: "a", name: "Main account", accountNumber: "DE89 3704 0044 0532 0130 00", bic: "COBADEFFXXX", bankName: null, currency: "EUR" },
  from: "2026-11-01",
  to: "2026-11-30",
  opening: "900.0000",
  closing: "-12.5000",
  lines: [
    { id: 1, onlineTransactionId: "tx-1", bookingDate: "2026-11-03", valueDate: "2026-11-02", amount: "-912.5000", currency: "EUR", description: "x".repeat(300), partnerName: "Landlord", partnerAccount: "FR1420041010050500013M02606", reference: "E2E-1" },
    { id: 2, onlineTransactionId: null, bookingDate: "2026-11-04", valueDate: null, amount: "0.0100", currency: "EUR", description: "", partnerName: null, partnerAccount: "12345678", reference: null },
  ],
};

function children(nodes: Ordered, name: string): Ordered {
  const node = nodes.find((n) => name in n);
  if (!node) throw new Error(`<${name}> missing`);
  return node[name] as Ordered;
}
const names = (nodes: Ordered) => nodes.map((n) => Object.keys(n).find((k) => k !== ":@")!);
const text = (nodes: Ordered, name: string) => String((children(nodes, name)[0] as { "#text": unknown })["#text"]);

/** True when `actual` follows the schema's sequence order (optional elements may be missing). */
function inSchemaOrder(actual: string[], sequence: string[]): boolean {
  const positions = actual.map((name) => sequence.indexOf(name));
  return positions.every((p, i) => p >= 0 && (i === 0 || p >= positions[i - 1]!));
}

describe("CAMT.053 structure (camt.053.001.02)", () => {
  const xml = writeCamt053(period, { createdAt: new Date("2026-12-01T08:00:00Z"), messageId: "OBS20261201080000abcdef12" });
  const document = parser.parse(xml) as Ordered;

  it("is well-formed, in the .02 namespace, with the group header and statement in schema order", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = document.find((n) => "Document" in n)!;
    expect((root[":@"] as Record<string, string>)["@_xmlns"]).toBe(CAMT053_NAMESPACE);
    const report = children(children(document, "Document"), "BkToCstmrStmt");
    expect(names(report)).toEqual(["GrpHdr", "Stmt"]);
    expect(names(children(report, "GrpHdr"))).toEqual(["MsgId", "CreDtTm"]);
    const statement = children(report, "Stmt");
    expect(inSchemaOrder(names(statement), ["Id", "ElctrncSeqNb", "LglSeqNb", "CreDtTm", "FrToDt", "CpyDplctInd", "RptgSrc", "Acct", "RltdAcct", "Intrst", "Bal", "TxsSummry", "Ntry", "AddtlStmtInf"])).toBe(true);
    expect(inSchemaOrder(names(children(statement, "Acct")), ["Id", "Tp", "Ccy", "Nm", "Ownr", "Svcr"])).toBe(true);
    // Max35Text identifiers.
    expect(text(children(report, "GrpHdr"), "MsgId").length).toBeLessThanOrEqual(35);
    expect(text(statement, "Id").length).toBeLessThanOrEqual(35);
    // An IBAN is written compact, as the IBAN2007Identifier pattern requires.
    expect(text(children(children(statement, "Acct"), "Id"), "IBAN")).toBe("DE89370400440532013000");
  });

  it("writes balances and entries in schema order with valid amounts and codes", () => {
    const statement = children(children(children(document, "Document"), "BkToCstmrStmt"), "Stmt");
    const balances = statement.filter((n) => "Bal" in n).map((n) => n.Bal as Ordered);
    expect(balances).toHaveLength(2);
    for (const balance of balances) expect(names(balance)).toEqual(["Tp", "Amt", "CdtDbtInd", "Dt"]);
    expect(text(balances[1]!, "CdtDbtInd")).toBe("DBIT");

    const entries = statement.filter((n) => "Ntry" in n).map((n) => n.Ntry as Ordered);
    expect(entries).toHaveLength(2);
    const entrySequence = ["NtryRef", "Amt", "CdtDbtInd", "RvslInd", "Sts", "BookgDt", "ValDt", "AcctSvcrRef", "Avlbty", "BkTxCd", "ComssnWvrInd", "AddtlInfInd", "AmtDtls", "Chrgs", "TechInptChanl", "Intrst", "NtryDtls", "AddtlNtryInf"];
    for (const entry of entries) {
      expect(inSchemaOrder(names(entry), entrySequence)).toBe(true);
      // BkTxCd is mandatory in .02; amounts: at most 5 decimals, no sign.
      expect(names(entry)).toContain("BkTxCd");
      expect(text(entry, "Amt")).toMatch(/^\d{1,13}(\.\d{1,5})?$/);
      const details = children(children(entry, "NtryDtls"), "TxDtls");
      expect(inSchemaOrder(names(details), ["Refs", "AmtDtls", "Avlbty", "BkTxCd", "Chrgs", "Intrst", "RltdPties", "RltdAgts", "Purp", "RltdRmtInf", "RmtInf"])).toBe(true);
    }
    expect(text(entries[0]!, "Amt")).toBe("912.50");
    expect(text(entries[1]!, "Amt")).toBe("0.01");
    // Ustrd is Max140Text: a long description is split.
    const remittance = children(children(children(entries[0]!, "NtryDtls"), "TxDtls"), "RmtInf");
    expect(remittance.map((n) => String((n.Ustrd as { "#text": string }[])[0]!["#text"]).length)).toEqual([140, 140, 20]);
  });
});
