/** In production the app refuses to start without a key to encrypt provider tokens at rest. */
export function assertEncryptionKeyConfigured(env: Record<string, string | undefined> = process.env): void {
  if (env.NODE_ENV !== "production") return;
  if (env.TOKEN_ENCRYPTION_KEY || env.AUTH_SECRET) return;
  throw new Error("Set TOKEN_ENCRYPTION_KEY (or AUTH_SECRET) before starting OpenBankSync in production: provider tokens are encrypted with it.");
}
