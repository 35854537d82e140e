/**
 * OFX and QFX statements: 1.x SGML (leaf tags left open, headers as "KEY:VALUE" lines)
 * and 2.x XML read by the same tag reader. Every bank or credit-card statement in the
 * file becomes one ParsedStatement; a file that ends before its tags close is refused.
 */
import { storedMessage, type StoredMessage } from "@/lib/i18n/stored-message";
import { faultAt, lineAt, listOf, StatementFileError, type ClosingBalance, type ParsedLine, type ParsedStatement } from "./types";
import { isIsoCurrency, readOfxDate, readPlainAmount } from "./values";

type Node = { tag: string; line: number; text: string | null; children: Node[] };

const TOKEN = /<(\/?)([A-Za-z0-9_.]+)\s*>([^<]*)/g;

/** Builds the element tree: a tag followed by text is a leaf whether or not it is closed. */
function readTree(text: string): Node {
  const body = text
    .replace(/<\?[\s\S]*?\?>/g, (pi) => pi.replace(/[^\n]/g, ""))
    .replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ""))
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
  const start = body.search(/<OFX\s*>/i);
  if (start < 0) throw new StatementFileError(storedMessage("statementFile.ofxNoRoot", { element: "<OFX>" }));
  const root: Node = { tag: "#root", line: 0, text: null, children: [] };
  const stack: Node[] = [root];
  let line = 1 + countNewlines(body, 0, start);
  let cursor = start;
  TOKEN.lastIndex = start;
  for (let match = TOKEN.exec(body); match; match = TOKEN.exec(body)) {
    line += countNewlines(body, cursor, match.index);
    cursor = match.index;
    const [, closing, rawTag, rawText] = match;
    const tag = rawTag!.toUpperCase();
    const value = decodeEntities(rawText!.trim());
    if (closing) {
      const open = stack.findLastIndex((node) => node.tag === tag);
      // A closing tag for a leaf that was already complete ("<CODE>0</CODE>") needs no action.
      const top = stack.at(-1)!;
      const lastChild = top.children.at(-1);
      if (open <= 0) {
        if (lastChild?.tag === tag && lastChild.text !== null) continue;
        throw new StatementFileError(faultAt(lineAt(line), storedMessage("statementFile.closesUnopened", { element: `</${tag}>` })));
      }
      stack.length = open;
      continue;
    }
    const node: Node = { tag, line, text: value === "" ? null : value, children: [] };
    stack.at(-1)!.children.push(node);
    if (node.text === null) stack.push(node);
  }
  line += countNewlines(body, cursor, body.length);
  if (stack.length > 1) {
    const [first, ...rest] = stack.slice(1).map((node) => storedMessage("statementFile.openElement", { element: `<${node.tag}>`, line: node.line }));
    throw new StatementFileError(storedMessage("statementFile.ofxTruncated", { line, elements: listOf([first!, ...rest]) }));
  }
  return root;
}

function fault(line: number, problem: StoredMessage): StatementFileError {
  return new StatementFileError(faultAt(lineAt(line), problem));
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count += 1;
  return count;
}

function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|quot|apos|nbsp|amp);/g, (_, name: string) =>
    ({ lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", amp: "&" })[name] ?? "");
}

function* descendants(node: Node, tag: string): Generator<Node> {
  for (const child of node.children) {
    if (child.tag === tag) yield child;
    else yield* descendants(child, tag);
  }
}

function child(node: Node, tag: string): Node | undefined {
  return node.children.find((c) => c.tag === tag);
}

function leaf(node: Node, tag: string): string | null {
  return child(node, tag)?.text ?? null;
}

export function parseOfx(text: string): ParsedStatement[] {
  const root = readTree(text);
  const statements = [...descendants(root, "STMTRS"), ...descendants(root, "CCSTMTRS")];
  if (statements.length === 0) throw new StatementFileError(storedMessage("statementFile.ofxNoStatement", { element: "<STMTRS>" }));
  return statements.map(readStatement);
}

function readStatement(statement: Node): ParsedStatement {
  const from = child(statement, "BANKACCTFROM") ?? child(statement, "CCACCTFROM");
  const accountNumber = from ? leaf(from, "ACCTID") : null;
  const currency = leaf(statement, "CURDEF")?.toUpperCase() ?? null;
  if (!currency) throw fault(statement.line, storedMessage("statementFile.statementNoCurrency", { element: "<CURDEF>" }));
  if (!isIsoCurrency(currency)) throw fault(statement.line, storedMessage("statementFile.valueNotCurrency", { element: "<CURDEF>", value: currency }));
  const list = child(statement, "BANKTRANLIST");
  const lines = list ? list.children.filter((c) => c.tag === "STMTTRN").map((trn) => readTransaction(trn, currency)) : [];
  return { account: { accountNumber, currency }, lines, closingBalance: ledgerBalance(statement) };
}

/** LEDGERBAL: the booked balance as of DTASOF. */
function ledgerBalance(statement: Node): ClosingBalance | null {
  const ledger = child(statement, "LEDGERBAL");
  if (!ledger) return null;
  const raw = leaf(ledger, "BALAMT");
  const amount = raw === null ? null : readPlainAmount(raw);
  const date = readOfxDate(leaf(ledger, "DTASOF") ?? "");
  if (amount === null || !date) {
    throw fault(ledger.line, storedMessage("statementFile.ledgerBalanceIncomplete", { element: "<LEDGERBAL>", amountElement: "<BALAMT>", dateElement: "<DTASOF>" }));
  }
  return { amount, date };
}

function readTransaction(trn: Node, statementCurrency: string): ParsedLine {
  const required = (tag: string): Node => {
    const node = child(trn, tag);
    if (!node?.text) throw fault(trn.line, storedMessage("statementFile.transactionMissing", { element: "<STMTTRN>", missing: `<${tag}>` }));
    return node;
  };
  const posted = required("DTPOSTED");
  const bookingDate = readOfxDate(posted.text!);
  if (!bookingDate) throw fault(posted.line, storedMessage("statementFile.notADate", { element: "<DTPOSTED>", value: posted.text! }));
  const user = child(trn, "DTUSER");
  const valueDate = user?.text ? readOfxDate(user.text) : null;
  if (user?.text && !valueDate) throw fault(user.line, storedMessage("statementFile.notADate", { element: "<DTUSER>", value: user.text }));
  const amountNode = required("TRNAMT");
  const amount = readPlainAmount(amountNode.text!);
  if (amount === null) throw fault(amountNode.line, storedMessage("statementFile.notAnAmount", { element: "<TRNAMT>", value: amountNode.text! }));
  const currencyNode = child(trn, "CURRENCY") ?? child(trn, "ORIGCURRENCY");
  const currency = currencyNode ? leaf(currencyNode, "CURSYM")?.toUpperCase() ?? statementCurrency : statementCurrency;
  if (!isIsoCurrency(currency)) throw fault(trn.line, storedMessage("statementFile.currencyNotIso", { currency }));
  const name = leaf(trn, "NAME") ?? (child(trn, "PAYEE") ? leaf(child(trn, "PAYEE")!, "NAME") : null);
  const memo = leaf(trn, "MEMO");
  const to = child(trn, "BANKACCTTO") ?? child(trn, "CCACCTTO");
  return {
    position: lineAt(trn.line),
    fileTransactionId: leaf(trn, "FITID"),
    bookingDate,
    valueDate,
    // The sign of TRNAMT is what counts (OFX spec), whatever TRNTYPE says.
    amount,
    currency,
    description: (memo ?? name ?? "").trim(),
    partnerName: name?.trim() || null,
    partnerAccount: to ? leaf(to, "ACCTID") : null,
    reference: leaf(trn, "CHECKNUM") ?? leaf(trn, "REFNUM"),
  };
}
