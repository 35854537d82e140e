import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: fileURLToPath(new URL("./", import.meta.url)) },
      // "server-only" throws outside React Server Components; tests import server modules directly.
      { find: "server-only", replacement: fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)) },
      // Server components call getTranslations(): the React Server build of next-intl (tests
      // run without the react-server condition), reading the test configuration below.
      { find: /^next-intl\/server$/, replacement: fileURLToPath(new URL("./node_modules/next-intl/dist/esm/development/server.react-server.js", import.meta.url)) },
      { find: /^next-intl\/config$/, replacement: fileURLToPath(new URL("./lib/testing/i18n-request.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "inngest/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/database-per-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // next-intl and next-auth import "next/headers" / "next/server" without an extension,
    // which Node's own ESM loader refuses; transformed by Vite they resolve (app/api/auth's
    // test reads the real session route; server components call getTranslations()).
    server: { deps: { inline: ["next-intl", "next-auth"] } },
  },
});
