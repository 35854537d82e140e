/** Every REST API operation: its method, path, scope and schemas, for the handlers and the OpenAPI document alike. */
import type { z } from "zod";
import type { ApiScope } from "./authenticate";
import {
  accountListSchema, accountParamsSchema, connectionListSchema, runParamsSchema, syncRunSchema, transactionPageSchema, transactionQuerySchema,
} from "./schemas";

export type Operation = {
  operationId: string;
  method: "get" | "post";
  /** OpenAPI path below /api/v1, with {placeholders}. */
  path: string;
  scope: ApiScope;
  summary: string;
  description: string;
  query?: z.ZodType;
  params?: z.ZodType;
  response: z.ZodType;
  /** 202 for a request the background engine carries out (the answer names what to poll); 200 otherwise. */
  status?: 202;
};

export const operations = {
  listAccounts: {
    operationId: "listAccounts", method: "get", path: "/accounts", scope: "read",
    summary: "Bank accounts", description: "The company's bank accounts, synchronized and manual.",
    response: accountListSchema,
  },
  listTransactions: {
    operationId: "listTransactions", method: "get", path: "/transactions", scope: "read",
    summary: "Transactions, in the order they were stored",
    description:
      "Pages of posted transactions in insertion order. Keep the last `nextSince` and pass it as `since`: a line the bank booked late, with an old booking date, still arrives after it.",
    query: transactionQuerySchema,
    response: transactionPageSchema,
  },
  listConnections: {
    operationId: "listConnections", method: "get", path: "/connections", scope: "read",
    summary: "Bank connections", description: "Each connection's state and its last synchronization.",
    response: connectionListSchema,
  },
  requestSync: {
    operationId: "requestSync", method: "post", path: "/accounts/{accountId}/sync", scope: "read_sync",
    summary: "Request a synchronization",
    description:
      "Asks the background engine to synchronize the account's connection, as \"Fetch Transactions\" does, and answers at once with the run it opened (202, `Location` names it). Poll `GET /runs/{runId}` until its status is no longer `running`. 409 when the account is not synchronized with a bank or its connection is busy; 429 with Retry-After when the bank's call budget for today is spent. Needs a key with the read+sync scope.",
    params: accountParamsSchema,
    response: syncRunSchema,
    status: 202,
  },
  getRun: {
    operationId: "getRun", method: "get", path: "/runs/{runId}", scope: "read",
    summary: "A synchronization run",
    description: "The run's status (`running`, `waiting_mfa`, `succeeded`, `rate_limited` or `failed`), when it started and ended, and how many lines it added.",
    params: runParamsSchema,
    response: syncRunSchema,
  },
} satisfies Record<string, Operation>;
