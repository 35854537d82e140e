/**
 * Next.js runs this once per server process (Node runtime only): it refuses to start in
 * production without an encryption key, then starts background work.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertEncryptionKeyConfigured } = await import("./lib/crypto/require-key");
  assertEncryptionKeyConfigured();
  const { startBackgroundWork } = await import("./lib/background/start");
  await startBackgroundWork();
}
