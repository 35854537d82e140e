/**
 * The security headers of every response. Pages get a Content-Security-Policy with a fresh
 * nonce per request (set by proxy.ts; Next.js puts the nonce on its own scripts), the routes
 * the proxy skips get a fixed one, and next.config.ts adds the rest to everything.
 */

/** Plaid requires Link to be loaded from its CDN; only its page allows it. */
export const PLAID_LINK_PATH = "/connect/plaid";
const PLAID_CDN = "https://cdn.plaid.com";

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

const FRAMING_AND_PLUGINS = {
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "frame-ancestors": ["'none'"],
};

export function pageContentSecurityPolicy(input: { nonce: string; pathname: string; development: boolean }): string {
  const plaid = input.pathname === PLAID_LINK_PATH || input.pathname.startsWith(`${PLAID_LINK_PATH}/`);
  return serialize({
    "default-src": ["'self'"],
    // 'strict-dynamic': scripts the nonced ones load (Next.js chunks) run too. React needs
    // eval only for its development call stacks.
    "script-src": ["'self'", `'nonce-${input.nonce}'`, "'strict-dynamic'", ...(input.development ? ["'unsafe-eval'"] : []), ...(plaid ? [PLAID_CDN] : [])],
    // Style attributes (chart bars, widths) are not scripts; allowing them inline costs little.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Institution logos come from the providers' own hosts or as data: URLs.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(plaid ? [PLAID_CDN, "https://*.plaid.com"] : [])],
    "frame-src": plaid ? [PLAID_CDN] : ["'none'"],
    ...FRAMING_AND_PLUGINS,
  });
}

/** For what the proxy does not see: webhooks, Inngest, the statement upload, the Sandbox's own pages. */
export const FIXED_CONTENT_SECURITY_POLICY = serialize({
  "default-src": ["'none'"],
  // The Sandbox's consent pages: one inline stylesheet, logos, and forms posted to itself.
  "style-src": ["'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "form-action": ["'self'"],
  ...FRAMING_AND_PLUGINS,
});

export const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  // frame-ancestors 'none' says the same to browsers that read CSP.
  { key: "X-Frame-Options", value: "DENY" },
];

/** Sent only when the request came over HTTPS: a browser ignores it over plain HTTP anyway. */
export const STRICT_TRANSPORT_SECURITY = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
