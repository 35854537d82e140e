/** Every REST API operation: its method, path, scope and schemas, for the handlers and the OpenAPI document alike. */
import type { z } from "zod";
import type { ApiScope } from "./authenticate";
import {
  accountListSchema, accountParamsSchema, connectionListSchema, syncResultSchema, transactionPageSchema, transactionQuerySchema,
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
    summary: "Fetch transactions now",
    description: "Synchronizes the account's connection, as \"Fetch Transactions\" does. Needs a key with the read+sync scope.",
    params: accountParamsSchema,
    response: syncResultSchema,
  },
} satisfies Record<string, Operation>;
