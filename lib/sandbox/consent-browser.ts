/**
 * Drives the Sandbox's hosted consent page the way a browser would (GET the page, POST
 * its forms, stop at the redirect back to the app), for tests and benchmarks that need
 * a connected bank without Playwright.
 */

export interface ConsentChoices {
  username?: string;
  password?: string;
  /** Press "Refuse" on the sign-in step or on the accounts step instead of going on. */
  refuseAt?: "credentials" | "accounts";
  /** Ids of the accounts to leave ticked; all of them by default. */
  accountIds?: string[];
}

interface ParsedForm {
  action: string;
  hidden: [string, string][];
  checkboxes: string[];
}

const decode = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&");

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [, name, value] of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) found[name!] = decode(value ?? "");
  return found;
}

function parseForm(html: string, pageUrl: string): ParsedForm {
  const form = html.match(/<form\b([^>]*)>([\s\S]*?)<\/form>/);
  if (!form) throw new Error(`The consent page has no form:\n${html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim()}`);
  const parsed: ParsedForm = { action: new URL(attributes(form[1]!).action ?? "", pageUrl).toString(), hidden: [], checkboxes: [] };
  for (const [, tag] of form[2]!.matchAll(/<input\b([^>]*)>/g)) {
    const input = attributes(tag!);
    if (input.type === "hidden" && input.name) parsed.hidden.push([input.name, input.value ?? ""]);
    if (input.type === "checkbox" && "checked" in input && input.value) parsed.checkboxes.push(input.value);
  }
  return parsed;
}

async function post(form: ParsedForm, fields: [string, string][]): Promise<Response> {
  return fetch(form.action, { method: "POST", body: new URLSearchParams([...form.hidden, ...fields]), redirect: "manual" });
}

function redirectTarget(response: Response): URL | null {
  const location = response.headers.get("location");
  return response.status === 303 && location ? new URL(location) : null;
}

/** Goes through the consent page at `consentUrl` and returns the URL it redirects the browser to. */
export async function completeSandboxConsent(consentUrl: string, choices: ConsentChoices = {}): Promise<URL> {
  const page = await fetch(consentUrl);
  if (!page.ok) throw new Error(`The consent page answered ${page.status}`);
  const signIn = parseForm(await page.text(), consentUrl);
  const afterSignIn = await post(signIn, [
    ["username", choices.username ?? "demo"],
    ["password", choices.password ?? "demo-password"],
    ["action", choices.refuseAt === "credentials" ? "refuse" : "continue"],
  ]);
  const early = redirectTarget(afterSignIn);
  if (early) return early;
  const accountsHtml = await afterSignIn.text();
  if (!afterSignIn.ok) throw new Error(`Signing in answered ${afterSignIn.status}: ${accountsHtml.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")}`);
  const accountsForm = parseForm(accountsHtml, afterSignIn.url || consentUrl);
  const chosen = choices.accountIds ?? accountsForm.checkboxes;
  const done = await post(accountsForm, [
    ...chosen.map((id): [string, string] => ["account", id]),
    ["action", choices.refuseAt === "accounts" ? "refuse" : "allow"],
  ]);
  const target = redirectTarget(done);
  if (!target) throw new Error(`Allowing access answered ${done.status} instead of a redirect`);
  return target;
}
