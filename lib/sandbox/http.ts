/**
 * JSON plumbing of the Sandbox API: the error envelope
 * `{ "error": { "code", "message", "retry_after"?, "challenge"? } }` and body parsing.
 */
import type { z } from "zod";

export class SandboxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { retry_after?: string; challenge?: { id: string; prompt: string } } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(error: SandboxApiError): Response {
  return json({ error: { code: error.code, message: error.message, ...error.extra } }, error.status, error.headers);
}

export function notFound(what: string): SandboxApiError {
  return new SandboxApiError(404, "not_found", `${what} was not found.`);
}

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new SandboxApiError(400, "invalid_request", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SandboxApiError(400, "invalid_request", `Invalid ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid value"}.`);
  }
  return parsed.data;
}
