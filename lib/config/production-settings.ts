/**
 * The settings a production server refuses to start without. Each problem is one sentence
 * that names the variable, so the operator knows what to fix from the first log line.
 */
import { DEVELOPMENT_SANDBOX_SECRETS } from "@/lib/sandbox/config";
import { trustsForwardedHeaders } from "./proxy";

type Env = Record<string, string | undefined>;

/** Shorter secrets can be guessed or were typed by hand; 32 characters is a 24-byte random value in base64. */
export const MIN_SECRET_LENGTH = 32;

/** Values that appeared in this repository or its docs: anyone can read them. */
const PUBLIC_VALUES = new Set<string>([...DEVELOPMENT_SANDBOX_SECRETS, "changeme", "change-me", "secret", "development"]);

function secretProblem(env: Env, name: string, purpose: string): string | null {
  const value = env[name];
  if (!value) return `Set ${name} before starting OpenBankSync in production: ${purpose}.`;
  if (PUBLIC_VALUES.has(value)) return `${name} is a development default that anyone can read; set a random value of at least ${MIN_SECRET_LENGTH} characters (${purpose}).`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} is too short; set a random value of at least ${MIN_SECRET_LENGTH} characters (${purpose}).`;
  return null;
}

/** Every reason this environment is not safe to serve in production (empty outside production). */
export function productionSettingProblems(env: Env = process.env): string[] {
  if (env.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push("Set DATABASE_URL before starting OpenBankSync in production: it names the PostgreSQL database that holds your books.");
  const auth = secretProblem(env, "AUTH_SECRET", "it signs the session cookies");
  if (auth) problems.push(auth);
  const tokens = secretProblem(env, "TOKEN_ENCRYPTION_KEY", "provider tokens are encrypted at rest with it");
  if (tokens) problems.push(tokens);
  if (!env.AUTH_URL && !trustsForwardedHeaders(env)) {
    problems.push("Set AUTH_URL to the address users open OpenBankSync at (or AUTH_TRUST_HOST=true when a reverse proxy in front sets X-Forwarded-Host).");
  }
  if (env.SANDBOX_PROVIDER === "on") {
    for (const [name, purpose] of [
      ["SANDBOX_TOKEN_SECRET", "the Sandbox bank signs its tokens with it"],
      ["SANDBOX_WEBHOOK_SECRET", "the Sandbox bank signs its webhooks with it"],
    ] as const) {
      const problem = secretProblem(env, name, purpose);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/** Called once as the server starts: in production, reports every problem and exits. */
export function refuseUnsafeProductionStart(env: Env = process.env): void {
  const problems = productionSettingProblems(env);
  if (problems.length === 0) return;
  for (const problem of problems) console.error(`OpenBankSync cannot start: ${problem}`);
  process.exit(1);
}
