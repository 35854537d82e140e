/**
 * The Inngest client of the app. Cloud mode (signed requests, events sent with the event
 * key) unless INNGEST_DEV is set, which points it at a local or self-hosted dev server
 * (`INNGEST_DEV=1`, or the server's URL). Keys come from the environment:
 * INNGEST_EVENT_KEY to send events, INNGEST_SIGNING_KEY (and _FALLBACK while rotating) to
 * verify the requests Inngest makes to /api/inngest.
 */
import { Inngest } from "inngest";

type Env = Record<string, string | undefined>;

/** INNGEST_DEV=1 / true / a URL turns dev mode on; unset, 0 or false keeps cloud mode. */
export function isInngestDev(env: Env = process.env): boolean {
  const value = env.INNGEST_DEV?.trim().toLowerCase();
  return Boolean(value) && value !== "0" && value !== "false";
}

export function inngestClientOptions(env: Env = process.env) {
  return {
    id: "openbanksync",
    isDev: isInngestDev(env),
    eventKey: env.INNGEST_EVENT_KEY,
    signingKey: env.INNGEST_SIGNING_KEY,
    signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK,
  };
}

export const inngest = new Inngest(inngestClientOptions());

/**
 * Why this process must not serve /api/inngest, or null when it may. In production the
 * endpoint needs the signing key, and dev mode (which skips signature checks) is refused.
 */
export function servingRefusal(client: { mode: "cloud" | "dev"; signingKey: string | undefined }, nodeEnv = process.env.NODE_ENV): string | null {
  if (nodeEnv !== "production") return null;
  if (client.mode === "dev") return "INNGEST_DEV is set in production: Inngest requests would not be verified. Unset it and set INNGEST_SIGNING_KEY.";
  if (!client.signingKey) return "INNGEST_SIGNING_KEY is not set: /api/inngest does not run functions without it in production.";
  return null;
}
