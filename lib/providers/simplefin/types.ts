/**
 * The parts of a SimpleFIN server's answers the adapter reads (SimpleFIN protocol,
 * "Data" section: Account Set, Account, Transaction, Error, Connection, Organization), as
 * zod schemas. Both shapes are accepted: version 2 (`errlist`, `connections`, `conn_id`)
 * and version 1 (`errors` strings, an `org` per account). Unknown fields are ignored.
 */
import { z } from "zod";

/** "Numeric string": an optional sign, digits, an optional fraction. Never read as a float. */
export const numericString = z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/, "not a numeric string");
/** UNIX epoch seconds. */
const epochSeconds = z.number().int().nonnegative();
const text = z.string().nullish();

export const transactionJson = z.object({
  id: z.string().min(1),
  /** When it posted; 0 while pending. */
  posted: epochSeconds,
  /** Positive is money in, negative money out. */
  amount: numericString,
  description: z.string().default(""),
  transacted_at: epochSeconds.nullish(),
  pending: z.boolean().nullish(),
  /** Sent by the SimpleFIN Bridge beside the protocol's fields. */
  payee: text,
  memo: text,
});
export type TransactionJson = z.infer<typeof transactionJson>;

export const organizationJson = z.object({ domain: text, name: text, "sfin-url": text, url: text, id: text });

export const accountJson = z.object({
  id: z.string().min(1),
  name: z.string(),
  conn_id: text,
  conn_name: text,
  org: organizationJson.nullish(),
  /** An ISO 4217 code, or the URL of a custom currency (air miles, points). */
  currency: z.string(),
  balance: numericString,
  "available-balance": numericString.nullish(),
  "balance-date": epochSeconds,
  transactions: z.array(transactionJson).nullish(),
});
export type AccountJson = z.infer<typeof accountJson>;

export const connectionJson = z.object({ conn_id: z.string(), name: text, org_id: text, org_name: text, org_url: text, sfin_url: text });
export type ConnectionJson = z.infer<typeof connectionJson>;

/** The protocol's table names the text `msg`; its examples write `message`. Either is read. */
export const errorJson = z.object({ code: z.string(), msg: text, message: text, conn_id: text, account_id: text });
export type ErrorJson = z.infer<typeof errorJson>;

export const accountSetJson = z.object({
  errlist: z.array(errorJson).nullish(),
  /** Version 1 (deprecated in version 2): strings for the user. */
  errors: z.array(z.string()).nullish(),
  connections: z.array(connectionJson).nullish(),
  accounts: z.array(accountJson),
});
export type AccountSetJson = z.infer<typeof accountSetJson>;
