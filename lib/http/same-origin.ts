/**
 * Whether a request's Origin header, when it sends one, is this app. `Origin: null` (a
 * sandboxed frame, a file, some redirects) and anything unreadable count as foreign.
 */
import { appOrigin } from "./app-origin";

export function isFromThisApp(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  try {
    return new URL(origin).host === new URL(appOrigin(headers, env)).host;
  } catch {
    return false;
  }
}
