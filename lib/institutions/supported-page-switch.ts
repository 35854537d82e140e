/**
 * Whether the public "Supported institutions" page is served. On by default: the list
 * tells a visitor, before signing in, which banks this server can connect. An operator
 * who would rather not show it sets SUPPORTED_INSTITUTIONS_PAGE=off; the page then answers
 * 404 and the Connect page does not link to it.
 */
export function isSupportedInstitutionsPageOn(env: Record<string, string | undefined> = process.env): boolean {
  return env.SUPPORTED_INSTITUTIONS_PAGE !== "off";
}
