/**
 * This app's public origin, for URLs a provider sends the browser back to: AUTH_URL when
 * set; behind a trusted proxy (AUTH_TRUST_HOST) the forwarded host; else the Host header.
 */
import { trustsForwardedHeaders } from "@/lib/config/proxy";

function isLocal(host: string): boolean {
  return host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
}

export function appOrigin(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const trusted = trustsForwardedHeaders(env);
  const host = (trusted && headers.get("x-forwarded-host")) || headers.get("host") || "localhost:3000";
  const forwardedProtocol = trusted ? headers.get("x-forwarded-proto") : null;
  return `${forwardedProtocol || (isLocal(host) ? "http" : "https")}://${host}`;
}
