/**
 * Builds a REST API route handler from its operation: authenticates the key, checks its
 * scope, validates path and query with the operation's schemas, and checks the answer
 * against the response schema, so the handlers cannot drift from the OpenAPI document.
 * No cookies, no session: only the key in the Authorization header counts.
 */
import "server-only";
import type { z } from "zod";
import { db } from "@/db/client";
import { authenticateApiRequest, type ApiCaller } from "./authenticate";
import type { Operation } from "./operations";
import { problemResponse } from "./problem";

type Input<O extends Operation> = {
  caller: ApiCaller;
  query: O["query"] extends z.ZodType ? z.output<O["query"]> : undefined;
  params: O["params"] extends z.ZodType ? z.output<O["params"]> : undefined;
};

type Handler<O extends Operation> = (input: Input<O>) => Promise<z.input<O["response"]> | Response>;

export function apiRoute<O extends Operation>(operation: O, handler: Handler<O>) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const auth = await authenticateApiRequest(db, request.headers.get("authorization"));
    if (!auth.ok) return auth.response;
    const rateHeaders = { "RateLimit-Limit": String(auth.limit), "RateLimit-Remaining": String(auth.remaining) };
    if (operation.scope === "read_sync" && auth.caller.scope !== "read_sync") {
      return problemResponse("forbidden", 403, "This API key may only read. Create a key with the read+sync scope to request synchronizations.", { headers: rateHeaders });
    }
    const query = parse(operation.query, Object.fromEntries(new URL(request.url).searchParams), "query");
    if (!query.ok) return problemResponse("invalid-request", 400, query.detail, { errors: query.errors, headers: rateHeaders });
    const params = parse(operation.params, await context.params, "path");
    // A malformed id names nothing of the company's.
    if (!params.ok) return problemResponse("not-found", 404, "No such resource in this company.", { headers: rateHeaders });

    try {
      const result = await handler({ caller: auth.caller, query: query.value, params: params.value } as Input<O>);
      if (result instanceof Response) return result;
      const body = operation.response.parse(result);
      return Response.json(body, { headers: { "Cache-Control": "no-store", ...rateHeaders } });
    } catch (error) {
      console.error(`[api] ${operation.operationId} failed`, error);
      return problemResponse("internal", 500, "The request failed on our side.", { headers: rateHeaders });
    }
  };
}

function parse(schema: z.ZodType | undefined, input: unknown, where: string) {
  if (!schema) return { ok: true as const, value: undefined };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true as const, value: parsed.data };
  const errors = parsed.error.issues.map((issue) => ({ path: [where, ...issue.path].join("."), message: issue.message }));
  return { ok: false as const, detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors };
}
