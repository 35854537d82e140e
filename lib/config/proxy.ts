/**
 * Whether a reverse proxy in front of the app sets the X-Forwarded-* headers we may
 * believe. Same setting and meaning as Auth.js's AUTH_TRUST_HOST: without it a client
 * could name any host in X-Forwarded-Host and have our links point there.
 */
export function trustsForwardedHeaders(env: Record<string, string | undefined> = process.env): boolean {
  return env.AUTH_TRUST_HOST === "true" || env.AUTH_TRUST_HOST === "1";
}
