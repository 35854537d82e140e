/**
 * When the Sandbox aggregator runs, with which secrets, and whether its test controls
 * answer. In development and tests it is on with fixed, public secrets so that a fresh
 * clone works with no setup. In production it is off unless SANDBOX_PROVIDER=on, and then
 * it must have secrets of its own (the production start refuses otherwise).
 */

type Env = Record<string, string | undefined>;

const DEVELOPMENT_SANDBOX_WEBHOOK_SECRET = "sandbox-dev-webhook-secret";
const DEVELOPMENT_SANDBOX_TOKEN_SECRET = "sandbox-dev-token-secret";
/** Published in this repository, so never accepted in production. */
export const DEVELOPMENT_SANDBOX_SECRETS = [DEVELOPMENT_SANDBOX_WEBHOOK_SECRET, DEVELOPMENT_SANDBOX_TOKEN_SECRET] as const;

export interface SandboxServerSecrets {
  /** Signs the tokens the Sandbox hands out (consent steps, codes, refresh tokens, challenges). */
  tokenSecret: string;
  /** Signs the webhooks it sends (`Sandbox-Signature`). */
  webhookSecret: string;
}

const isProduction = (env: Env) => env.NODE_ENV === "production";

/** On by default except in production; SANDBOX_PROVIDER=on or off says it explicitly. */
export function isSandboxEnabled(env: Env = process.env): boolean {
  if (env.SANDBOX_PROVIDER === "on") return true;
  if (env.SANDBOX_PROVIDER === "off") return false;
  return !isProduction(env);
}

/**
 * The test controls (simulate a failure, send a test webhook, move the clock) let anyone
 * break a connection's next sync, so they answer in development and tests only, or in a
 * production build started for end-to-end tests with SANDBOX_TEST_CONTROLS=on-for-e2e-tests.
 */
export const SANDBOX_TEST_CONTROLS_SWITCH = "on-for-e2e-tests";

export function sandboxTestControlsEnabled(env: Env = process.env): boolean {
  if (!isSandboxEnabled(env)) return false;
  if (!isProduction(env)) return true;
  return env.SANDBOX_TEST_CONTROLS === SANDBOX_TEST_CONTROLS_SWITCH;
}

function secret(env: Env, name: string, developmentValue: string): string {
  const value = env[name];
  if (value) return value;
  if (isProduction(env)) throw new Error(`Set ${name}: the Sandbox bank has no secrets of its own in production.`);
  return developmentValue;
}

export function sandboxServerSecrets(env: Env = process.env): SandboxServerSecrets {
  return {
    tokenSecret: secret(env, "SANDBOX_TOKEN_SECRET", DEVELOPMENT_SANDBOX_TOKEN_SECRET),
    webhookSecret: secret(env, "SANDBOX_WEBHOOK_SECRET", DEVELOPMENT_SANDBOX_WEBHOOK_SECRET),
  };
}
