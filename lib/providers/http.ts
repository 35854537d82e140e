/**
 * One HTTP exchange with an aggregator, the same for every adapter: the request is bounded
 * by a timeout; a network failure or timeout, or a 2xx whose body is not JSON (a proxy's
 * error page, a cut answer), is a ProviderTransient; an answer is checked against its
 * schema before anyone reads it.
 */
import type { z } from "zod";
import { ProviderTransient } from "./errors";

export async function exchange(
  fetchImpl: typeof fetch,
  url: string | URL,
  init: Omit<RequestInit, "signal">,
  options: { timeoutMs: number; parse?: (text: string) => unknown },
): Promise<{ response: Response; payload: unknown }> {
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new ProviderTransient({ cause: error, providerCode: timedOut ? "timeout" : "network_error" });
  }
  let payload: unknown = null;
  try {
    payload = text ? (options.parse ?? JSON.parse)(text) : null;
  } catch {
    // An error status with a non-JSON body is still that error; the adapter maps the status.
    if (response.ok) throw new ProviderTransient({ providerCode: "invalid_response", httpStatus: response.status });
  }
  return { response, payload };
}

/** The answer as the schema describes it, or a ProviderTransient("invalid_response"). */
export function checked<T extends z.ZodType>(schema: T, payload: unknown, httpStatus: number): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ProviderTransient({ providerCode: "invalid_response", httpStatus, cause: parsed.error });
  return parsed.data;
}
