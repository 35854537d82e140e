/**
 * Errors of the REST API as RFC 9457 problem details (`application/problem+json`): a type
 * URI a client can switch on, a title, the HTTP status and a sentence for people.
 */
export type ProblemType = "unauthorized" | "forbidden" | "not-found" | "invalid-request" | "conflict" | "rate-limited" | "internal";

const TITLES: Record<ProblemType, string> = {
  unauthorized: "Missing or invalid API key",
  forbidden: "The API key's scope does not allow this",
  "not-found": "Not found",
  "invalid-request": "Invalid request",
  conflict: "Not possible in the current state",
  "rate-limited": "Too many requests",
  internal: "Internal error",
};

export type Problem = { type: string; title: string; status: number; detail: string; errors?: { path: string; message: string }[] };

/** The type URI of a problem: a path on this server, so it resolves to the API documentation. */
export function problemTypeUri(type: ProblemType): string {
  return `/api/v1/docs#problem-${type}`;
}

export function problemResponse(
  type: ProblemType,
  status: number,
  detail: string,
  options: { errors?: Problem["errors"]; headers?: Record<string, string> } = {},
): Response {
  const body: Problem = { type: problemTypeUri(type), title: TITLES[type], status, detail, ...(options.errors ? { errors: options.errors } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...options.headers },
  });
}
