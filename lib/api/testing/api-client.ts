/** Calls the REST API's route handlers in-process, as an HTTP client would, for service tests. */
import { GET as accountsGet } from "@/app/api/v1/accounts/route";
import { POST as syncPost } from "@/app/api/v1/accounts/[accountId]/sync/route";
import { GET as connectionsGet } from "@/app/api/v1/connections/route";
import { GET as runGet } from "@/app/api/v1/runs/[runId]/route";
import { GET as transactionsGet } from "@/app/api/v1/transactions/route";

const handlers = {
  "GET /accounts": accountsGet,
  "GET /connections": connectionsGet,
  "GET /transactions": transactionsGet,
  "POST /accounts/{accountId}/sync": syncPost,
  "GET /runs/{runId}": runGet,
} as const;

export type ApiRoute = keyof typeof handlers;

export async function callApi(
  route: ApiRoute,
  options: { key?: string | null; query?: Record<string, string>; params?: Record<string, string> } = {},
): Promise<{ status: number; contentType: string | null; headers: Headers; body: Record<string, unknown> }> {
  const [method, path] = route.split(" ") as [string, string];
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => options.params?.[name] ?? "");
  const url = new URL(`http://app.test/api/v1${filled}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const request = new Request(url, { method, headers: options.key ? { authorization: `Bearer ${options.key}` } : {} });
  const response = await handlers[route](request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, contentType: response.headers.get("content-type"), headers: response.headers, body: await response.json() };
}
