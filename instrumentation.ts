/**
 * Next.js runs this once per server process (Node runtime only): in production it refuses
 * to start with unsafe settings (lib/config/production-settings.ts), then starts background work.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { productionSettingProblems } = await import("./lib/config/production-settings");
  const problems = productionSettingProblems();
  if (problems.length > 0) {
    for (const problem of problems) console.error(`OpenBankSync cannot start: ${problem}`);
    process.exit(1);
  }
  const { startBackgroundWork } = await import("./lib/background/start");
  await startBackgroundWork();
}
