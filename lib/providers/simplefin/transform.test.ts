import { describe, expect, it } from "vitest";
import { accountSetJson } from "./types";
import { decodeSetupToken, errorFromAccountSet, parseAccessUrl, requestRanges, splitAccessUrl, toAccount, toTransaction } from "./transform";

const BRIDGE = ["https://beta-bridge.simplefin.org"];
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("setup tokens and access URLs", () => {
  it("decodes the protocol's demo token, and refuses HTTP, other hosts and embedded credentials", () => {
    expect(decodeSetupToken(b64("https://beta-bridge.simplefin.org/simplefin/claim/DEMO"), BRIDGE).href).toBe("https://beta-bridge.simplefin.org/simplefin/claim/DEMO");
    expect(() => decodeSetupToken(b64("http://beta-bridge.simplefin.org/simplefin/claim/DEMO"), BRIDGE)).toThrow(/not a SimpleFIN server/);
    expect(() => decodeSetupToken(b64("https://localhost:5432/"), BRIDGE)).toThrow(/issued by localhost:5432/);
    expect(() => decodeSetupToken(b64("https://a:b@beta-bridge.simplefin.org/claim/x"), BRIDGE)).toThrow(/not a SimpleFIN setup token/);
  });

  it("accepts only an access URL with credentials on an allowed server, and splits it for fetch", () => {
    const access = parseAccessUrl("https://user123:p%40ss456@beta-bridge.simplefin.org/simplefin\n", BRIDGE);
    expect(splitAccessUrl(access)).toEqual({
      root: "https://beta-bridge.simplefin.org/simplefin",
      authorization: `Basic ${b64("user123:p@ss456")}`,
    });
    expect(() => parseAccessUrl("https://beta-bridge.simplefin.org/simplefin", BRIDGE)).toThrow(/usable access URL/);
    expect(() => parseAccessUrl("https://u:p@elsewhere.example/simplefin", BRIDGE)).toThrow(/usable access URL/);
  });
});

describe("request ranges", () => {
  it("covers an inclusive window in ranges of at most the given days, end-date exclusive", () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
    expect(requestRanges("2025-01-01", "2025-03-15", 30)).toEqual([
      { start: day("2025-01-01"), end: day("2025-01-31"), lastDay: "2025-01-30" },
      { start: day("2025-01-31"), end: day("2025-03-02"), lastDay: "2025-03-01" },
      { start: day("2025-03-02"), end: day("2025-03-16"), lastDay: "2025-03-15" },
    ]);
    expect(requestRanges("2025-06-15", "2025-06-15", 60)).toEqual([{ start: day("2025-06-15"), end: day("2025-06-16"), lastDay: "2025-06-15" }]);
  });
});

describe("a version 1 answer (errors strings, org per account)", () => {
  const v1 = accountSetJson.parse({
    errors: ["You must reauthenticate."],
    accounts: [{
      org: { domain: "mybank.com", "sfin-url": "https://sfin.mybank.com" }, id: "2930002", name: "Savings", currency: "USD",
      balance: "100.23", "available-balance": "75.23", "balance-date": 978366153,
      transactions: [{ id: "12394832938403", posted: 793090572, amount: "-33293.43", description: "Uncle Frank's Bait Shop" }],
    }],
  });

  it("reads the account with its bank's domain, and the transaction with its sign", () => {
    expect(toAccount(v1.accounts[0]!, [])).toMatchObject({
      providerAccountId: "2930002", name: "mybank.com Savings", currency: "USD",
      balance: { amount: "100.23", currency: "USD", asOf: new Date(978366153 * 1000) },
    });
    expect(toTransaction(v1.accounts[0]!.transactions![0]!, "USD", "2025-01-01")).toMatchObject({
      status: "posted", bookingDate: "1995-02-18", amount: "-33293.43", description: "Uncle Frank's Bait Shop",
    });
  });

  it("treats its plain error strings as warnings while data came, and as the failure when none did", () => {
    expect(errorFromAccountSet(v1, { accountIds: ["2930002"] })).toBeNull();
    expect(errorFromAccountSet({ ...v1, accounts: [] }, { accountIds: null })?.message).toBe("SimpleFIN: You must reauthenticate.");
  });
});

describe("transactions", () => {
  it("a pending line (posted 0) is pending, dated when it happened, and a '+' amount loses its sign only", () => {
    expect(toTransaction({ id: "p", posted: 0, amount: "+12.00", description: "", payee: "Friend", transacted_at: Date.parse("2025-06-14T18:00:00Z") / 1000 }, "usd", "2025-06-15"))
      .toMatchObject({ status: "pending", bookingDate: "2025-06-14", amount: "12.00", currency: "USD", description: "Friend", partnerName: "Friend" });
    expect(toTransaction({ id: "q", posted: 1_749_900_000, pending: true, amount: "-1", description: "Hold" }, "USD", "2025-06-15").status).toBe("pending");
  });
});
