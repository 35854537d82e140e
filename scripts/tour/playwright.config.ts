/**
 * `npm run tour`: the README's screenshots (docs/tour/*.png), taken by scripts/tour/tour.spec.ts
 * against the production build on a fresh e2e server with the Sandbox bank only, so anyone can
 * regenerate them after a change to the pages they show.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "tour.spec.ts",
  reporter: [["list"]],
  timeout: 180_000,
  use: { ...base.use, baseURL: `http://localhost:${PORT}`, viewport: { width: 1280, height: 900 } },
  webServer: [
    {
      command: "tsx scripts/e2e-server.ts",
      // From the repository's root, like the e2e config (a web server runs in its config's folder by default).
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      url: `http://localhost:${PORT}/login`,
      // Background work on, as on a real server: the cards show when each connection syncs next.
      env: { PORT: String(PORT) },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
