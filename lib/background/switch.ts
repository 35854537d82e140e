/** The server's switch for background work: BACKGROUND_SYNC=off starts none, so nothing synchronizes on its own. */
export function backgroundWorkOff(env: Record<string, string | undefined> = process.env): boolean {
  return env.BACKGROUND_SYNC === "off";
}
