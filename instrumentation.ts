/** Next.js runs this once per server process: it starts background work (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/background/start");
  await startBackgroundWork();
}
