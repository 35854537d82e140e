/**
 * The camt.053.001.02 schema's constraints on what we write, checked element by element.
 * No copy of the ISO 20022 XSD can be had on this project's machines (no Debian package
 * ships camt.053, and no npm package the registry serves does), so every constraint the
 * export relies on is written out here from the message definition: the order of each
 * sequence, the mandatory elements, and the type of every text we write (Max35Text and
 * its kin, the IBAN, BIC, currency and amount patterns). Every leaf element must have a
 * rule, so a new element cannot slip in unchecked.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CAMT053_NAMESPACE, writeCamt053, type BalancedPeriod } from "./camt053";

type Ordered = Record<string, unknown>[];
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, trimValues: false });

const LONG_ID = "lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDjeX";
const period: BalancedPeriod = {
  account: { id: "a", name: `Main account ${"n".repeat(100)}`, accountNumber: "DE89 3704 0044 0532 0130 00", bic: "cobadeffxxx", bankName: null, currency: "EUR" },
  from: "2026-11-01",
  to: "2026-11-30",
  opening: "900.0000",
  closing: "-12.5000",
  lines: [
    { id: 1, onlineTransactionId: "tx-1", bookingDate: "2026-11-03", valueDate: "2026-11-02", amount: "-912.5000", currency: "EUR", description: "x".repeat(300), partnerName: "Landlord", partnerAccount: "FR1420041010050500013M02606", reference: "E2E-1" },
    { id: 2, onlineTransactionId: null, bookingDate: "2026-11-04", valueDate: null, amount: "0.0100", currency: "EUR", description: "", partnerName: null, partnerAccount: "12345678", reference: null },
    {
      id: 3, onlineTransactionId: LONG_ID, bookingDate: "2026-11-05", valueDate: null, amount: "123456789012.12345", currency: "EUR",
      // A name whose 140th character is an emoji (two UTF-16 units), an account number of 40 characters.
      description: "Invoice 42 ".repeat(20), partnerName: `${"P".repeat(139)}😀 and more`, partnerAccount: "1".repeat(40), reference: `REF-${"9".repeat(60)}`,
    },
  ],
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const maxText = (max: number) => (value: string) => value.length >= 1 && Array.from(value).length <= max;
const pattern = (regex: RegExp) => (value: string) => regex.test(value);
// ActiveOrHistoricCurrencyAndAmount: decimal, at most 18 digits of which 5 after the point, not negative.
const amount = (value: string) => /^\d+(\.\d+)?$/.test(value) && value.replace(".", "").length <= 18 && (value.split(".")[1] ?? "").length <= 5;

/** The type of each leaf element, by the end of its path. */
const LEAF_RULES: [string, (value: string) => boolean][] = [
  ["GrpHdr/MsgId", maxText(35)],
  ["GrpHdr/CreDtTm", pattern(ISO_DATE_TIME)],
  ["Stmt/Id", maxText(35)],
  ["Stmt/CreDtTm", pattern(ISO_DATE_TIME)],
  ["FrToDt/FrDtTm", pattern(ISO_DATE_TIME)],
  ["FrToDt/ToDtTm", pattern(ISO_DATE_TIME)],
  ["Id/IBAN", pattern(/^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/)],
  ["Othr/Id", maxText(34)],
  ["Acct/Ccy", pattern(/^[A-Z]{3}$/)],
  ["Acct/Nm", maxText(70)],
  ["FinInstnId/BIC", pattern(/^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/)],
  ["CdOrPrtry/Cd", pattern(/^(OPBD|CLBD|PRCD|ITBD|CLAV|FWAV|INFO)$/)],
  ["Amt", amount],
  ["CdtDbtInd", pattern(/^(CRDT|DBIT)$/)],
  ["Dt/Dt", pattern(ISO_DATE)],
  ["TtlNtries/NbOfNtries", pattern(/^[0-9]{1,15}$/)],
  ["Ntry/Sts", pattern(/^(BOOK|PDNG|INFO)$/)],
  ["BookgDt/Dt", pattern(ISO_DATE)],
  ["ValDt/Dt", pattern(ISO_DATE)],
  ["AcctSvcrRef", maxText(35)],
  ["Domn/Cd", pattern(/^[A-Z]{4}$/)],
  ["Fmly/Cd", pattern(/^[A-Z]{4}$/)],
  ["Fmly/SubFmlyCd", pattern(/^[A-Z]{4}$/)],
  ["Refs/EndToEndId", maxText(35)],
  ["Dbtr/Nm", maxText(140)],
  ["Cdtr/Nm", maxText(140)],
  ["RmtInf/Ustrd", maxText(140)],
  ["TxDtls/AddtlTxInf", maxText(500)],
];

/** Each sequence we write, in the schema's order (optional elements may be left out). */
const SEQUENCES: Record<string, string[]> = {
  BkToCstmrStmt: ["GrpHdr", "Stmt"],
  GrpHdr: ["MsgId", "CreDtTm", "MsgRcpt", "MsgPgntn", "AddtlInf"],
  Stmt: ["Id", "ElctrncSeqNb", "LglSeqNb", "CreDtTm", "FrToDt", "CpyDplctInd", "RptgSrc", "Acct", "RltdAcct", "Intrst", "Bal", "TxsSummry", "Ntry", "AddtlStmtInf"],
  Acct: ["Id", "Tp", "Ccy", "Nm", "Ownr", "Svcr"],
  Bal: ["Tp", "CdtLine", "Amt", "CdtDbtInd", "Dt", "Avlbty"],
  Ntry: ["NtryRef", "Amt", "CdtDbtInd", "RvslInd", "Sts", "BookgDt", "ValDt", "AcctSvcrRef", "Avlbty", "BkTxCd", "ComssnWvrInd", "AddtlInfInd", "AmtDtls", "Chrgs", "TechInptChanl", "Intrst", "NtryDtls", "AddtlNtryInf"],
  TxDtls: ["Refs", "AmtDtls", "Avlbty", "BkTxCd", "Chrgs", "Intrst", "RltdPties", "RltdAgts", "Purp", "RltdRmtInf", "RmtInf", "RltdDts", "RltdPric", "RltdQties", "FinInstrmId", "Tax", "RtrInf", "CorpActn", "SfkpgAcct", "AddtlTxInf"],
  Refs: ["MsgId", "AcctSvcrRef", "PmtInfId", "InstrId", "EndToEndId", "TxId", "MndtId", "ChqNb", "ClrSysRef", "Prtry"],
  RltdPties: ["InitgPty", "Dbtr", "DbtrAcct", "UltmtDbtr", "Cdtr", "CdtrAcct", "UltmtCdtr", "TradgPty", "Prtry"],
};
/** Elements the schema requires in each parent we write (minOccurs 1). */
const REQUIRED: Record<string, string[]> = {
  BkToCstmrStmt: ["GrpHdr", "Stmt"],
  GrpHdr: ["MsgId", "CreDtTm"],
  Stmt: ["Id", "CreDtTm", "Acct", "Bal"],
  Bal: ["Tp", "Amt", "CdtDbtInd", "Dt"],
  Ntry: ["Amt", "CdtDbtInd", "Sts", "BkTxCd"],
};

const nameOf = (node: Record<string, unknown>) => Object.keys(node).find((key) => key !== ":@")!;
const isLeaf = (children: Ordered) => children.every((child) => "#text" in child);

/** Every broken constraint in the tree below `nodes`, as readable sentences. */
function violations(nodes: Ordered, path: string[] = []): string[] {
  const found: string[] = [];
  const elements = nodes.filter((node) => !("#text" in node));
  const names = elements.map(nameOf);
  const parent = path.at(-1);
  if (parent && SEQUENCES[parent]) {
    const positions = names.map((name) => SEQUENCES[parent]!.indexOf(name));
    if (positions.some((p, i) => p < 0 || (i > 0 && p < positions[i - 1]!))) found.push(`${path.join("/")}: ${names.join(",")} is not in schema order`);
  }
  for (const required of (parent && REQUIRED[parent]) || []) {
    if (!names.includes(required)) found.push(`${path.join("/")}: <${required}> is required`);
  }
  for (const element of elements) {
    const name = nameOf(element);
    const children = element[name] as Ordered;
    const here = [...path, name];
    if (children.length > 0 && !isLeaf(children)) {
      found.push(...violations(children, here));
      continue;
    }
    const value = children.map((child) => String(child["#text"])).join("");
    const rule = LEAF_RULES.find(([suffix]) => here.join("/").endsWith(suffix));
    if (!rule) found.push(`${here.join("/")}: no rule for this element`);
    else if (!rule[1](value)) found.push(`${here.join("/")}: "${value}" breaks its type`);
    const currency = (element[":@"] as Record<string, string> | undefined)?.["@_Ccy"];
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) found.push(`${here.join("/")}: Ccy "${currency}"`);
  }
  return found;
}

describe("CAMT.053 export against the camt.053.001.02 constraints", () => {
  const xml = writeCamt053(period, { createdAt: new Date("2026-12-01T08:00:00Z"), messageId: "OBS20261201080000abcdef12" });
  const document = parser.parse(xml) as Ordered;
  const root = document.find((node) => "Document" in node)!;

  it("is well-formed, in the .02 namespace, and breaks no constraint even with over-long values", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((root[":@"] as Record<string, string>)["@_xmlns"]).toBe(CAMT053_NAMESPACE);
    expect(violations(root.Document as Ordered, [])).toEqual([]);
  });

  it("the checker itself catches an over-long id, a missing balance and a wrong order", () => {
    const broken = xml
      .replace("<AcctSvcrRef>tx-1</AcctSvcrRef>", `<AcctSvcrRef>${LONG_ID}</AcctSvcrRef>`)
      .replace(/<Bal>.*?<\/Bal>/g, "")
      .replace("<Sts>BOOK</Sts><BookgDt><Dt>2026-11-03</Dt></BookgDt>", "<BookgDt><Dt>2026-11-03</Dt></BookgDt><Sts>BOOK</Sts>");
    const found = violations((parser.parse(broken) as Ordered).find((node) => "Document" in node)!.Document as Ordered);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/Ntry\/AcctSvcrRef: "lPNj.*" breaks its type/),
      "BkToCstmrStmt/Stmt: <Bal> is required",
      expect.stringMatching(/BkToCstmrStmt\/Stmt\/Ntry: .* is not in schema order/),
    ]));
  });

  it("writes opening and closing balances, amounts with the currency's minor units, and cuts only where a type demands", () => {
    expect(xml).toMatch(/<Cd>OPBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">900.00<\/Amt><CdtDbtInd>CRDT/);
    expect(xml).toMatch(/<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">12.50<\/Amt><CdtDbtInd>DBIT/);
    expect(xml).toContain('<Amt Ccy="EUR">912.50</Amt>');
    expect(xml).toContain('<Amt Ccy="EUR">123456789012.12345</Amt>');
    // An IBAN compact, a BIC upper-cased, a long name cut before the emoji, never through it.
    expect(xml).toContain("<IBAN>DE89370400440532013000</IBAN>");
    expect(xml).toContain("<BIC>COBADEFFXXX</BIC>");
    expect(xml).toContain(`<Nm>${"P".repeat(139)}😀</Nm>`);
    // A 300-character word is cut at 140; words are split between them.
    expect([...xml.matchAll(/<Ustrd>(x+)<\/Ustrd>/g)].map((match) => match[1]!.length)).toEqual([140, 140, 20]);
    // The long id: a digest in both AcctSvcrRef elements, the id and the whole reference in AddtlTxInf.
    expect(xml).toMatch(/<AcctSvcrRef>obs-sha256:[0-9a-f]{24}<\/AcctSvcrRef>/);
    expect(xml).toContain(`<AddtlTxInf>OpenBankSync {&quot;id&quot;:&quot;${LONG_ID}&quot;,&quot;reference&quot;:&quot;REF-${"9".repeat(60)}&quot;}</AddtlTxInf>`);
  });
});
