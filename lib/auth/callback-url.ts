/**
 * Where to go after signing in. Only the path of what was asked is kept, so a crafted
 * link can never send the user to another site.
 */
export function safeCallbackUrl(value: string | undefined | null): string {
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, "http://local.invalid");
  } catch {
    return "/";
  }
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/login")) return "/";
  return `${url.pathname}${url.search}`;
}
