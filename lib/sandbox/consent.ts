/**
 * The hosted consent flow: step 1 signs in (the password "wrong" is refused), step 2
 * picks the accounts, then the browser goes back to the app's redirect_uri with
 * `state` and a one-time `code`, or with `error`. Steps carry their state in a signed
 * hidden field, so nothing is stored between them.
 */
import { deriveAccounts, normalizeUsername } from "./accounts";
import type { SandboxContext } from "./context";
import { consentText, type ConsentText } from "./consent-language";
import { accountsPage, credentialsPage, messagePage } from "./consent-page";
import { findInstitution, SANDBOX_WRONG_PASSWORD, type SandboxInstitution } from "./institutions";
import type { SandboxLinkSession } from "./store";

const GRANT_MINUTES = 15;
const CODE_MINUTES = 10;

function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** Sends the browser back to the app, keeping any query the redirect_uri already has. */
function redirectBack(session: SandboxLinkSession, params: Record<string, string>): Response {
  const target = new URL(session.redirectUri);
  target.searchParams.set("state", session.state);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return new Response(null, { status: 303, headers: { location: target.toString(), "cache-control": "no-store" } });
}

type Open = { session: SandboxLinkSession; institution: SandboxInstitution; lockedUsername: string | null };

async function openSession(context: SandboxContext, text: ConsentText, sessionId: string): Promise<Open | Response> {
  const session = await context.store.getLinkSession(sessionId);
  const institution = session ? findInstitution(session.institutionId) : null;
  if (!session || !institution || session.exchangedAt || session.expiresAt <= context.now()) {
    return html(
      messagePage(text, context.baseUrl, text.t("expiredTitle"), text.t("expiredText")),
      410,
    );
  }
  const connection = session.connectionId ? await context.store.getConnection(session.connectionId) : null;
  return { session, institution, lockedUsername: connection?.username ?? null };
}

function credentialsStep(context: SandboxContext, text: ConsentText, open: Open, username: string, error: string | null, status = 200): Response {
  return html(
    credentialsPage(text, {
      institution: open.institution,
      baseUrl: context.baseUrl,
      action: `${context.baseUrl}/consent/${open.session.id}`,
      returnHost: new URL(open.session.redirectUri).host,
      username: open.lockedUsername ?? username,
      usernameLocked: open.lockedUsername !== null,
      error,
    }),
    status,
  );
}

export async function showConsent(context: SandboxContext, sessionId: string, request: Request): Promise<Response> {
  const text = consentText(request);
  const open = await openSession(context, text, sessionId);
  return open instanceof Response ? open : credentialsStep(context, text, open, "", null);
}

export async function submitConsent(context: SandboxContext, sessionId: string, request: Request): Promise<Response> {
  const text = consentText(request);
  const { t } = text;
  const open = await openSession(context, text, sessionId);
  if (open instanceof Response) return open;
  const { session, institution } = open;
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  if (field("action") === "refuse") return redirectBack(session, { error: "access_denied" });
  const now = context.now();

  if (field("step") === "credentials") {
    const username = field("username").trim();
    if (!username) return credentialsStep(context, text, open, "", t("enterUsername"), 422);
    if (open.lockedUsername && normalizeUsername(username) !== open.lockedUsername) {
      return credentialsStep(context, text, open, "", t("signInAs", { username: open.lockedUsername }), 422);
    }
    if (field("password") === SANDBOX_WRONG_PASSWORD) return redirectBack(session, { error: "invalid_credentials" });
    const grant = context.tokens.sign("grant", { session: session.id, username }, new Date(now.getTime() + GRANT_MINUTES * 60_000));
    return html(
      accountsPage(text, {
        institution,
        baseUrl: context.baseUrl,
        action: `${context.baseUrl}/consent/${session.id}`,
        username,
        grant,
        accounts: deriveAccounts(institution, username, session.accountType),
      }),
    );
  }

  const grant = context.tokens.verify("grant", field("grant"), now);
  if (field("step") !== "accounts" || field("action") !== "allow" || !grant || grant.session !== session.id) {
    return credentialsStep(context, text, open, "", t("signInExpired"), 422);
  }
  const offered = new Set(deriveAccounts(institution, grant.username, session.accountType).map((account) => account.id));
  const chosen = form.getAll("account").map(String).filter((id) => offered.has(id));
  const code = context.tokens.sign(
    "code",
    { session: session.id, username: grant.username, accounts: chosen },
    new Date(now.getTime() + CODE_MINUTES * 60_000),
  );
  return redirectBack(session, { code });
}
