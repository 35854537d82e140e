import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  // lib/ also runs outside Next (npm run bench, scripts, workers), where `next-intl`'s own
  // entry resolves to its React build and fails to load: lib/ takes what it needs from
  // `use-intl/core` (components and pages use `next-intl`).
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/testing/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "next-intl", message: "In lib/, import from use-intl/core: scripts load lib/ outside Next." }] }],
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
