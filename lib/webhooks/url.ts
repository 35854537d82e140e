/**
 * Where a provider should post its webhooks for us: our /api/webhooks/<provider>, on the
 * origin the user reached the app by, unless WEBHOOK_PUBLIC_URL names the public one
 * (behind a proxy, the origin the browser sees is not always the one the provider can reach).
 */
export function webhookUrlFor(provider: string, appUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.WEBHOOK_PUBLIC_URL || appUrl;
  return new URL(`/api/webhooks/${encodeURIComponent(provider)}`, base).href;
}
