/**
 * A contract mock of GoCardless Bank Account Data (API v2) for tests, on node:http and a
 * random port. It follows the published reference (see README.md beside it): token pair
 * with expiry and refresh, institutions by country, end-user agreements, requisitions
 * (paged list, CR → LN through a stand-in for the bank's consent page, EX when the
 * agreement's access ends), account metadata/details/balances/transactions, the banks'
 * 4 successful calls per account, scope and day (429 with the HTTP_X_RATELIMIT_* headers),
 * and the documented error bodies. Switches simulate malformed JSON and slow answers.
 *
 * Not part of the app: only tests import it.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const MOCK_SECRET_ID = "mock-secret-id";
export const MOCK_SECRET_KEY = "mock-secret-key";
const ACCESS_SECONDS = 86_400;
const REFRESH_SECONDS = 2_592_000;
const DAILY_ACCOUNT_LIMIT = 4;

interface MockInstitution {
  id: string;
  name: string;
  bic: string;
  transaction_total_days: string;
  max_access_valid_for_days: string;
  countries: string[];
  logo: string;
}

export const MOCK_INSTITUTIONS: MockInstitution[] = [
  { id: "SANDBOXFINANCE_SFIN0000", name: "Sandbox Finance", bic: "SFIN0000", transaction_total_days: "90", max_access_valid_for_days: "90", countries: ["XX"], logo: "https://cdn-logos.gocardless.com/ais/SANDBOXFINANCE_SFIN0000.png" },
  { id: "MOCKBANK_MOCKDEFF", name: "Mock Bank", bic: "MOCKDEFF", transaction_total_days: "730", max_access_valid_for_days: "180", countries: ["DE", "AT"], logo: "https://cdn-logos.gocardless.com/ais/MOCKBANK_MOCKDEFF.png" },
  { id: "SHORTBANK_SHRTFRPP", name: "Short History Bank", bic: "SHRTFRPP", transaction_total_days: "60", max_access_valid_for_days: "60", countries: ["FR"], logo: "https://cdn-logos.gocardless.com/ais/SHORTBANK_SHRTFRPP.png" },
];

/** The bank-side accounts every consent at any mock institution discloses. */
const BANK_ACCOUNTS = [
  { key: "main", iban: "DE89370400440532013000", currency: "EUR", name: "Main Account", product: "Girokonto", cashAccountType: "CACC", ownerName: "Jane Example", balance: "1520.75" },
  { key: "savings", iban: "DE02120300000000202051", currency: "EUR", name: null, product: "Tagesgeld", cashAccountType: "SVGS", ownerName: "Jane Example", balance: "10000.00" },
];

interface Agreement {
  id: string;
  created: string;
  institution_id: string;
  max_historical_days: number;
  access_valid_for_days: number;
  access_scope: string[];
  accepted: string | null;
}

interface Requisition {
  id: string;
  created: string;
  redirect: string;
  status: string;
  institution_id: string;
  agreement: string;
  reference: string;
  accounts: string[];
  user_language: string;
  link: string;
}

export type ConsentOutcome = "approve" | "cancel" | "reject";

const day = (date: Date) => date.toISOString().slice(0, 10);
const daysBefore = (date: Date, days: number) => day(new Date(date.getTime() - days * 86_400_000));

/** A month of booked lines and two pending ones, dated relative to `now`, shaped like different banks send them. */
function bankTransactions(accountKey: string, now: Date) {
  if (accountKey === "savings") {
    return {
      booked: [{ internalTransactionId: "int-sav-1", bookingDate: daysBefore(now, 10), valueDate: daysBefore(now, 10), transactionAmount: { amount: "250.00", currency: "EUR" }, debtorName: "Jane Example", debtorAccount: { iban: "DE89370400440532013000" }, remittanceInformationUnstructured: "Monthly saving" }],
      pending: [],
    };
  }
  return {
    // Newest first, as GoCardless lists them.
    booked: [
      { transactionId: "tx-1004", bookingDate: daysBefore(now, 2), valueDate: daysBefore(now, 2), transactionAmount: { amount: "-42.10", currency: "EUR" }, creditorName: "Grocer GmbH", creditorAccount: { iban: "DE44500105175407324931" }, remittanceInformationUnstructured: "Card payment 4711", endToEndId: "NOTPROVIDED" },
      { bookingDate: daysBefore(now, 3), valueDate: daysBefore(now, 3), transactionAmount: { amount: "-3.5", currency: "EUR" }, creditorName: "Coffee Bar", remittanceInformationUnstructuredArray: ["Espresso", "Terminal 12"] },
      { bookingDate: daysBefore(now, 3), valueDate: daysBefore(now, 3), transactionAmount: { amount: "-3.5", currency: "EUR" }, creditorName: "Coffee Bar", remittanceInformationUnstructuredArray: ["Espresso", "Terminal 12"] },
      { internalTransactionId: "int-1002", bookingDate: daysBefore(now, 8), valueDate: daysBefore(now, 7), transactionAmount: { amount: "2500.00", currency: "EUR" }, debtorName: "Acme Corp", debtorAccount: { iban: "FR1420041010050500013M02606" }, remittanceInformationUnstructured: "Salary", endToEndId: "E2E-SAL-1" },
      { transactionId: "tx-1001", bookingDate: daysBefore(now, 20), valueDate: daysBefore(now, 20), transactionAmount: { amount: "-850.00", currency: "EUR" }, creditorName: "Landlord Ltd", creditorAccount: { iban: "GB33BUKB20201555555555" }, remittanceInformationStructured: "RF18539007547034", endToEndId: "RENT-2025" },
      { transactionId: "tx-old", bookingDate: daysBefore(now, 400), valueDate: daysBefore(now, 400), transactionAmount: { amount: "-1.00", currency: "EUR" }, remittanceInformationUnstructured: "Very old fee" },
    ],
    pending: [
      { valueDate: day(now), transactionAmount: { amount: "-19.99", currency: "EUR" }, creditorName: "Streaming Service", remittanceInformationUnstructured: "Subscription" },
      { transactionAmount: { amount: "12.00", currency: "EUR" }, debtorName: "Friend", remittanceInformationUnstructured: "Lunch back" },
    ],
  };
}

export interface GoCardlessMock {
  /** API root, e.g. "http://127.0.0.1:1234/api/v2". */
  baseUrl: string;
  /** Calls received, "METHOD /path" (no query), for assertions. */
  calls: string[];
  /** Answer 200 with a truncated JSON body to every authenticated call while true, or to those whose path matches. */
  malformed: boolean | RegExp;
  /** Delay every answer by this many milliseconds. */
  delayMs: number;
  requisitions: Map<string, Requisition>;
  agreements: Map<string, Agreement>;
  /** Plays the bank's consent page for a requisition link; returns where the browser is sent back. */
  consent(link: string, outcome?: ConsentOutcome): Promise<URL>;
  /** Ends a requisition's access now, as if its agreement had run out. */
  expire(requisitionId: string): void;
  /**
   * The bank books a line after the fact (GoCardless's transactions JSON, booked): listed
   * from now on among the account's booked lines, under its own dates, as banks do when
   * they book late or back-date.
   */
  bookLate(bankKey: "main" | "savings", line: Record<string, unknown>): void;
  /**
   * GoCardless no longer holds a valid end-user agreement for the requisition's accounts,
   * while the requisition and agreement still read as linked: the account endpoints answer
   * 403 "No valid End User Agreement" (as after DELETE /agreements/enduser/{id}/).
   */
  invalidateAgreement(requisitionId: string): void;
  /** Successful calls of one scope ("details", "balances", "transactions") on one GoCardless account today, as the bank counts them. */
  successfulCalls(accountId: string, scope: string): number;
  /** Every 429 the bank's daily limit has answered, as "<account>|<scope>". */
  refusedCalls: string[];
  /** Makes GoCardless forget every token it issued (as after a secret rotation). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function serveGoCardlessMock(options: { now?: () => Date } = {}): Promise<GoCardlessMock> {
  const now = options.now ?? (() => new Date());
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Map<string, number>();
  const requisitions = new Map<string, Requisition>();
  const agreements = new Map<string, Agreement>();
  /** GoCardless account id → the bank account behind it and its requisition. */
  const accounts = new Map<string, { bankKey: string; requisitionId: string; created: string }>();
  const bookedLate = new Map<string, Record<string, unknown>[]>();
  /** Requisitions whose accounts answer 403 "No valid End User Agreement". */
  const withoutValidAgreement = new Set<string>();
  /** "<account>|<scope>|<UTC day>" → successful calls. */
  const usage = new Map<string, number>();

  const mock: GoCardlessMock = {
    baseUrl: "",
    calls: [],
    malformed: false,
    delayMs: 0,
    requisitions,
    agreements,
    bookLate(bankKey, line) {
      bookedLate.set(bankKey, [...(bookedLate.get(bankKey) ?? []), line]);
    },
    async consent(link, outcome = "approve") {
      const response = await fetch(`${link}?outcome=${outcome}`, { redirect: "manual" });
      const location = response.headers.get("location");
      if (!location) throw new Error(`The mock consent page answered ${response.status} without a redirect`);
      return new URL(location);
    },
    expire(requisitionId) {
      const requisition = requisitions.get(requisitionId);
      if (requisition) requisition.status = "EX";
    },
    invalidateAgreement(requisitionId) {
      withoutValidAgreement.add(requisitionId);
    },
    successfulCalls: (accountId, scope) => usage.get(`${accountId}|${scope}|${day(now())}`) ?? 0,
    refusedCalls: [],
    revokeTokens() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  }
  const error = (response: ServerResponse, status: number, summary: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    send(response, status, { summary, detail, status_code: status, ...extra }, headers);

  async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | null> {
    let text = "";
    for await (const chunk of request) text += chunk;
    try {
      const value = text ? JSON.parse(text) : {};
      return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  function issueTokens() {
    const at = now().getTime();
    const access = `access-${randomUUID()}`;
    const refresh = `refresh-${randomUUID()}`;
    accessTokens.set(access, at + ACCESS_SECONDS * 1000);
    refreshTokens.set(refresh, at + REFRESH_SECONDS * 1000);
    return { access, access_expires: ACCESS_SECONDS, refresh, refresh_expires: REFRESH_SECONDS };
  }

  /** Refreshes statuses that time changes: a linked requisition whose agreement ran out is EX. */
  function current(requisition: Requisition): Requisition {
    const agreement = agreements.get(requisition.agreement);
    if (requisition.status === "LN" && agreement?.accepted) {
      const end = Date.parse(agreement.accepted) + agreement.access_valid_for_days * 86_400_000;
      if (end <= now().getTime()) requisition.status = "EX";
    }
    return requisition;
  }

  function secondsToUtcMidnight(): number {
    const at = now();
    const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
    return Math.ceil((midnight - at.getTime()) / 1000);
  }

  function consentPage(response: ServerResponse, requisitionId: string, outcome: string) {
    const requisition = requisitions.get(requisitionId);
    if (!requisition) return error(response, 404, "Not found.", "Not found.");
    const back = new URL(requisition.redirect);
    back.searchParams.set("ref", requisition.reference);
    if (requisition.status !== "CR") {
      back.searchParams.set("error", "RequisitionLinkReused");
      back.searchParams.set("details", "This link has already been used for authorization and is no longer valid.");
    } else if (outcome === "cancel") {
      requisition.status = "UA";
      back.searchParams.set("error", "UserCancelledSession");
      back.searchParams.set("details", "User cancelled the session.");
    } else if (outcome === "reject") {
      requisition.status = "RJ";
      back.searchParams.set("error", "UserSessionRejected");
      back.searchParams.set("details", "User session rejected.");
    } else {
      const agreement = agreements.get(requisition.agreement)!;
      agreement.accepted = now().toISOString();
      requisition.status = "LN";
      // New GoCardless account ids with every requisition, for the same bank accounts.
      requisition.accounts = BANK_ACCOUNTS.map((bankAccount) => {
        const id = randomUUID();
        accounts.set(id, { bankKey: bankAccount.key, requisitionId: requisition.id, created: now().toISOString() });
        return id;
      });
    }
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  /** GoCardless's per-field 400 body for a bad transactions window, or null when it is valid. */
  function windowErrors(query: URLSearchParams): Record<string, { summary: string; detail: string; status_code: number }> | null {
    const errors: Record<string, { summary: string; detail: string; status_code: number }> = {};
    const today = day(now());
    for (const field of ["date_from", "date_to"]) {
      const value = query.get(field);
      if (value === null) continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        errors[field] = { summary: "Invalid date format", detail: `'${value}' is not a valid date, use the YYYY-MM-DD format`, status_code: 400 };
      } else if (value > today) {
        errors[field] = { summary: "Date can't be in future", detail: `'${value}' can't be greater than ${today}. Specify correct date range`, status_code: 400 };
      }
    }
    const from = query.get("date_from");
    const to = query.get("date_to");
    if (!errors.date_from && !errors.date_to && from && to && from > to) {
      errors.date_to = { summary: "Incorrect date range", detail: `Starting date '${from}' is greater than end date '${to}'. When specifying date range, starting date must precede the end date.`, status_code: 400 };
    }
    return Object.keys(errors).length > 0 ? errors : null;
  }

  /** The account endpoints: consent checks, then the bank's daily limit per scope. */
  function accountCall(response: ServerResponse, accountId: string, scope: string | null, query: URLSearchParams) {
    const account = accounts.get(accountId);
    const requisition = account ? requisitions.get(account.requisitionId) : undefined;
    if (!account || !requisition) return error(response, 404, "Not found.", "Not found.");
    const bankAccount = BANK_ACCOUNTS.find((candidate) => candidate.key === account.bankKey)!;
    if (scope === null) {
      return send(response, 200, { id: accountId, created: account.created, last_accessed: now().toISOString(), iban: bankAccount.iban, institution_id: requisition.institution_id, status: current(requisition).status === "EX" ? "EXPIRED" : "READY", owner_name: bankAccount.ownerName });
    }
    const agreement = agreements.get(requisition.agreement);
    if (!agreement || withoutValidAgreement.has(requisition.id)) {
      return error(response, 403, "No valid End User Agreement", `No valid End User Agreement found for account ${accountId}. The end user must connect the account once more with a new EUA and Requisition.`);
    }
    if (current(requisition).status === "EX") {
      const expiredAt = agreement.accepted ? new Date(Date.parse(agreement.accepted) + agreement.access_valid_for_days * 86_400_000).toISOString() : now().toISOString();
      return error(response, 401, `End User Agreement (EUA) ${agreement.id} has expired`, `EUA was valid for ${agreement.access_valid_for_days} days and it expired at ${expiredAt}. The end user must reconnect their account with a new EUA and Requisition.`);
    }
    if (scope === "transactions") {
      // Validated before the bank is asked: a refused request is not a successful call.
      const invalid = windowErrors(query);
      if (invalid) return send(response, 400, invalid);
    }
    const key = `${accountId}|${scope}|${day(now())}`;
    const used = usage.get(key) ?? 0;
    const reset = String(secondsToUtcMidnight());
    if (used >= DAILY_ACCOUNT_LIMIT) {
      mock.refusedCalls.push(`${accountId}|${scope}`);
      return error(response, 429, `Couldn't update ${scope}`, "Daily request limit set by the Institution has been exceeded.", { type: "RateLimitError" }, {
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: String(DAILY_ACCOUNT_LIMIT),
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: "0",
        HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: reset,
      });
    }
    usage.set(key, used + 1);
    const headers = {
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_LIMIT: String(DAILY_ACCOUNT_LIMIT),
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_REMAINING: String(DAILY_ACCOUNT_LIMIT - used - 1),
      HTTP_X_RATELIMIT_ACCOUNT_SUCCESS_RESET: reset,
    };
    if (scope === "details") {
      return send(response, 200, { account: { resourceId: `bank-${bankAccount.key}`, iban: bankAccount.iban, currency: bankAccount.currency, ownerName: bankAccount.ownerName, ...(bankAccount.name ? { name: bankAccount.name } : {}), product: bankAccount.product, cashAccountType: bankAccount.cashAccountType } }, headers);
    }
    if (scope === "balances") {
      return send(response, 200, { balances: [
        { balanceAmount: { amount: bankAccount.balance, currency: bankAccount.currency }, balanceType: "interimAvailable", referenceDate: day(now()) },
        { balanceAmount: { amount: bankAccount.balance, currency: bankAccount.currency }, balanceType: "interimBooked", referenceDate: day(now()) },
      ] }, headers);
    }
    // Transactions: the window is clipped to the agreement's history, lines filtered by date.
    const oldest = daysBefore(now(), agreement.max_historical_days);
    const from = [query.get("date_from") ?? oldest, oldest].sort()[1]!;
    const to = query.get("date_to") ?? day(now());
    const inWindow = (line: { bookingDate?: string; valueDate?: string }) => {
      const date = line.bookingDate ?? line.valueDate;
      return !date || (date >= from && date <= to);
    };
    const all = bankTransactions(bankAccount.key, now());
    // Newest first, as GoCardless lists them; a line booked late sits among its date's lines.
    const booked = [...(bookedLate.get(bankAccount.key) ?? []), ...all.booked]
      .sort((a, b) => String(b.bookingDate ?? "").localeCompare(String(a.bookingDate ?? "")));
    return send(response, 200, { transactions: { booked: booked.filter(inWindow), pending: all.pending.filter(inWindow) }, last_updated: now().toISOString() }, headers);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://mock");
    const path = url.pathname;
    const method = request.method ?? "GET";
    mock.calls.push(`${method} ${path}`);
    if (mock.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, mock.delayMs));

    const consent = /^\/psd2\/start\/([^/]+)\/([^/]+)$/.exec(path);
    if (consent && method === "GET") return consentPage(response, consent[1]!, url.searchParams.get("outcome") ?? "approve");
    if (!path.startsWith("/api/v2/")) return error(response, 404, "Not found.", "Not found.");
    const route = path.slice("/api/v2".length);

    if (route === "/token/new/" && method === "POST") {
      const body = await readJson(request);
      if (body?.secret_id !== MOCK_SECRET_ID || body?.secret_key !== MOCK_SECRET_KEY) {
        return error(response, 401, "Authentication failed", "No active account found with the given credentials");
      }
      return send(response, 200, issueTokens());
    }
    if (route === "/token/refresh/" && method === "POST") {
      const body = await readJson(request);
      const expiresAt = typeof body?.refresh === "string" ? refreshTokens.get(body.refresh) : undefined;
      if (!expiresAt || expiresAt <= now().getTime()) return error(response, 401, "Invalid token", "Token is invalid or expired", { code: "token_not_valid" });
      const access = `access-${randomUUID()}`;
      accessTokens.set(access, now().getTime() + ACCESS_SECONDS * 1000);
      return send(response, 200, { access, access_expires: ACCESS_SECONDS });
    }

    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const tokenExpiry = token ? accessTokens.get(token) : undefined;
    if (!tokenExpiry || tokenExpiry <= now().getTime()) return error(response, 401, "Invalid token", "Token is invalid or expired");
    if (mock.malformed === true || (mock.malformed instanceof RegExp && mock.malformed.test(path))) {
      response.writeHead(200, { "content-type": "application/json" });
      return response.end('{"transactions": {"booked": [{"transactionId": "tx-');
    }

    if (route === "/institutions/" && method === "GET") {
      const country = url.searchParams.get("country")?.toUpperCase();
      return send(response, 200, MOCK_INSTITUTIONS.filter((institution) => !country || institution.countries.includes(country)));
    }
    const institutionMatch = /^\/institutions\/([^/]+)\/$/.exec(route);
    if (institutionMatch && method === "GET") {
      const institution = MOCK_INSTITUTIONS.find((candidate) => candidate.id === institutionMatch[1]);
      return institution ? send(response, 200, { ...institution, supported_payments: {}, supported_features: [], identification_codes: [] }) : error(response, 404, "Not found.", "Not found.");
    }

    if (route === "/agreements/enduser/" && method === "POST") {
      const body = await readJson(request);
      const institution = MOCK_INSTITUTIONS.find((candidate) => candidate.id === body?.institution_id);
      if (!body || !institution) return error(response, 400, "Unknown Institution ID", `Get Institution IDs from /institutions/?country={$COUNTRY_CODE}`);
      const history = Number(body.max_historical_days ?? 90);
      const access = Number(body.access_valid_for_days ?? 90);
      if (!Number.isInteger(history) || history < 1 || history > Number(institution.transaction_total_days)) {
        return error(response, 400, "Incorrect max_historical_days", `max_historical_days must be > 0 and <= ${institution.transaction_total_days}`);
      }
      if (!Number.isInteger(access) || access < 1 || access > 180 || access > Number(institution.max_access_valid_for_days)) {
        return error(response, 400, "Incorrect access_valid_for_days", `access_valid_for_days must be > 0 and <= ${institution.max_access_valid_for_days}`);
      }
      const agreement: Agreement = {
        id: randomUUID(), created: now().toISOString(), institution_id: institution.id, max_historical_days: history,
        access_valid_for_days: access, access_scope: (body.access_scope as string[] | undefined) ?? ["balances", "details", "transactions"], accepted: null,
      };
      agreements.set(agreement.id, agreement);
      return send(response, 201, agreement);
    }
    const agreementMatch = /^\/agreements\/enduser\/([^/]+)\/$/.exec(route);
    if (agreementMatch && method === "GET") {
      const agreement = agreements.get(agreementMatch[1]!);
      return agreement ? send(response, 200, agreement) : error(response, 404, "Not found.", "Not found.");
    }
    if (agreementMatch && method === "DELETE") {
      if (!agreements.delete(agreementMatch[1]!)) return error(response, 404, "Not found.", "Not found.");
      return send(response, 200, { summary: "End User Agreement deleted", detail: `End User Agreement ${agreementMatch[1]} deleted` });
    }

    if (route === "/requisitions/" && method === "POST") {
      const body = await readJson(request);
      const agreement = typeof body?.agreement === "string" ? agreements.get(body.agreement) : undefined;
      if (!body || typeof body.redirect !== "string" || !URL.canParse(body.redirect) || body.redirect.length > 1024) {
        return error(response, 400, "Invalid redirect URI", "Redirect URI must have a valid URI structure");
      }
      if (!agreement) return error(response, 400, "Invalid EUA", `${String(body.agreement)} is not a valid UUID. Please specify a valid agreement from /api/agreements/enduser/ or create a new one.`);
      if (agreement.institution_id !== body.institution_id) return error(response, 400, "Incorrect Institution ID", "Provided Institution ID is different from the one in the agreement");
      if (typeof body.reference !== "string" || body.reference.length === 0 || body.reference.length > 256) return error(response, 400, "Invalid reference", "reference must be 1 to 256 characters");
      const id = randomUUID();
      const origin = `http://${request.headers.host}`;
      const requisition: Requisition = {
        id, created: now().toISOString(), redirect: body.redirect, status: "CR", institution_id: agreement.institution_id, agreement: agreement.id,
        reference: body.reference, accounts: [], user_language: String(body.user_language ?? "EN"), link: `${origin}/psd2/start/${id}/${agreement.institution_id}`,
      };
      requisitions.set(id, requisition);
      return send(response, 201, requisition);
    }
    if (route === "/requisitions/" && method === "GET") {
      const limit = Math.max(1, Number(url.searchParams.get("limit") ?? 100));
      const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0));
      const all = [...requisitions.values()].map(current);
      const page = (o: number) => `${mock.baseUrl}/requisitions/?limit=${limit}&offset=${o}`;
      return send(response, 200, {
        count: all.length,
        next: offset + limit < all.length ? page(offset + limit) : null,
        previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
        results: all.slice(offset, offset + limit),
      });
    }
    const requisitionMatch = /^\/requisitions\/([^/]+)\/$/.exec(route);
    if (requisitionMatch) {
      const requisition = requisitions.get(requisitionMatch[1]!);
      if (!requisition) return error(response, 404, "Not found.", "Not found.");
      if (method === "GET") return send(response, 200, current(requisition));
      if (method === "DELETE") {
        requisitions.delete(requisition.id);
        agreements.delete(requisition.agreement);
        for (const accountId of requisition.accounts) accounts.delete(accountId);
        return send(response, 200, { summary: "Requisition deleted", detail: `Requisition ${requisition.id} deleted with all its End User Agreements` });
      }
    }

    const accountMatch = /^\/accounts\/([^/]+)\/(?:(details|balances|transactions)\/)?$/.exec(route);
    if (accountMatch && method === "GET") return accountCall(response, accountMatch[1]!, accountMatch[2] ?? null, url.searchParams);

    return error(response, 404, "Not found.", "Not found.");
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((failure: unknown) => {
      if (!response.headersSent) error(response, 500, "Mock failure", String(failure));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  mock.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
  return mock;
}
