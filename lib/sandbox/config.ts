/**
 * Secrets of the Sandbox aggregator. The defaults are fixed development values: the
 * Sandbox only ever holds invented data, and a deployment that cares sets the variables
 * or turns the Sandbox off (SANDBOX_PROVIDER=off).
 */

export const DEFAULT_SANDBOX_WEBHOOK_SECRET = "sandbox-dev-webhook-secret";
const DEFAULT_SANDBOX_TOKEN_SECRET = "sandbox-dev-token-secret";

export interface SandboxServerSecrets {
  /** Signs the tokens the Sandbox hands out (consent steps, codes, refresh tokens, challenges). */
  tokenSecret: string;
  /** Signs the webhooks it sends (`Sandbox-Signature`). */
  webhookSecret: string;
}

export function sandboxServerSecrets(env: Record<string, string | undefined> = process.env): SandboxServerSecrets {
  return {
    tokenSecret: env.SANDBOX_TOKEN_SECRET || DEFAULT_SANDBOX_TOKEN_SECRET,
    webhookSecret: env.SANDBOX_WEBHOOK_SECRET || DEFAULT_SANDBOX_WEBHOOK_SECRET,
  };
}
