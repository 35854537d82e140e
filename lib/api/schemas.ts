/**
 * The REST API's contract as zod schemas: the route handlers validate requests and their
 * own answers with them, and the OpenAPI document is generated from the same objects.
 */
import { z } from "zod";
import { SHOWN_STATES } from "@/lib/connections/status";

const money = z.string().regex(/^-?\d+(\.\d+)?$/).describe("Decimal string with the bank's sign (money out negative); never a float.");
const isoDate = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });

export const accountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    bankName: z.string().nullable(),
    accountNumber: z.string().describe("IBAN or the bank's account number."),
    currency: z.string().length(3),
    balance: money.nullable().describe("The bank's last reported balance, when known."),
    balanceAsOf: timestamp.nullable(),
    connectionId: z.uuid().nullable().describe("Null for a manual account (statement files only)."),
    lastSyncedAt: timestamp.nullable(),
  })
  .meta({ id: "Account" });

export const accountListSchema = z.object({ data: z.array(accountSchema) }).meta({ id: "AccountList" });

export const transactionSchema = z
  .object({
    id: z.number().int(),
    accountId: z.uuid(),
    onlineTransactionId: z.string().nullable().describe("The bank's or aggregator's id of the line, when it has one."),
    bookingDate: isoDate,
    valueDate: isoDate.nullable(),
    amount: money,
    currency: z.string().length(3),
    description: z.string(),
    partnerName: z.string().nullable(),
    partnerAccount: z.string().nullable(),
    reference: z.string().nullable().describe("The bank reference (end-to-end id, creditor reference or check number)."),
    source: z.enum(["sync", "file", "manual"]),
    status: z.enum(["unreconciled", "reconciled"]),
    possibleDuplicate: z.boolean(),
    removedByBank: z.boolean().describe("The bank withdrew this line after it was imported; kept for review."),
    createdAt: timestamp,
  })
  .meta({ id: "Transaction" });

const cursor = z.string().regex(/^\d{1,20}\.\d{1,15}$/, "Use the nextSince value of a previous page.");

export const transactionQuerySchema = z
  .object({
    accountId: z.uuid().optional().describe("Only this account's lines."),
    since: cursor.optional().describe("Insertion cursor: lines stored after the page that returned this value, whatever their booking date."),
    from: isoDate.optional().describe("Booking date on or after."),
    to: isoDate.optional().describe("Booking date on or before."),
    status: z.enum(["unreconciled", "reconciled"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "`from` is after `to`.", path: ["to"] });

export const transactionPageSchema = z
  .object({
    data: z.array(transactionSchema),
    nextSince: cursor.nullable().describe("Pass as `since` to read on; also when `hasMore` is false, to poll for new lines later."),
    hasMore: z.boolean(),
  })
  .meta({ id: "TransactionPage" });

export const syncRunSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(["running", "waiting_mfa", "succeeded", "rate_limited", "failed"]),
    trigger: z.string(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    inserted: z.number().int(),
    errorMessage: z.string().nullable(),
  })
  .meta({ id: "SyncRun" });

export const connectionSchema = z
  .object({
    id: z.uuid(),
    provider: z.string(),
    institutionName: z.string(),
    state: z.enum(SHOWN_STATES),
    autoSync: z.boolean(),
    consentExpiresAt: timestamp.nullable(),
    lastError: z.string().nullable(),
    lastRun: syncRunSchema.nullable(),
  })
  .meta({ id: "Connection" });

export const connectionListSchema = z.object({ data: z.array(connectionSchema) }).meta({ id: "ConnectionList" });

export const accountParamsSchema = z.object({ accountId: z.uuid() });

export const runParamsSchema = z.object({ runId: z.uuid() });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });
