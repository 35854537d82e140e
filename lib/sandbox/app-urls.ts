/**
 * Where the Sandbox mounted in the app may send a browser (after consent) or a webhook:
 * only to the app's own callback and webhook routes. Otherwise anyone could make the
 * app's origin redirect a user to their site, or make the server post to any address.
 */

export const APP_CALLBACK_PATH = "/connect/callback";
export const APP_WEBHOOK_PATH = "/api/webhooks/sandbox";

/** True when `value` is `path` (any query) on one of the app's origins. */
export function isAppUrl(value: string, path: string, appOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return appOrigins.includes(url.origin) && url.pathname === path && url.username === "" && url.password === "";
}

/**
 * The app's origins as the Sandbox sees them: the one its request came in on, and the
 * public addresses the settings name (AUTH_URL, WEBHOOK_PUBLIC_URL) for an app behind a proxy.
 */
export function appOriginsFor(request: Request, env: Record<string, string | undefined> = process.env): string[] {
  const origins = [new URL(request.url).origin];
  for (const setting of [env.AUTH_URL, env.WEBHOOK_PUBLIC_URL]) {
    if (!setting) continue;
    try {
      origins.push(new URL(setting).origin);
    } catch {
      // A malformed setting names no origin; the production start reports AUTH_URL itself.
    }
  }
  return origins;
}
