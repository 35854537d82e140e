/**
 * Next.js runs this once per server process (Node runtime only): in production it refuses
 * to start with unsafe settings (lib/config/production-settings.ts), then starts background work.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnsafeProductionStart } = await import("./lib/config/production-settings");
  refuseUnsafeProductionStart();
  const { startBackgroundWork } = await import("./lib/background/start");
  await startBackgroundWork();
}
