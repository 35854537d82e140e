/**
 * The address a request came from, for the sign-in throttle. Next.js records the socket's
 * address in X-Forwarded-For when the request has none, and a proxy in front appends the
 * address it saw, so the last entry is the one to use. Without a proxy a client can send
 * its own header: the per-account limit does not depend on the address.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 100) : null;
}
