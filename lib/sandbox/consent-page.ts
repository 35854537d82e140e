/**
 * HTML of the Sandbox's hosted consent pages: plain server-rendered forms with a little
 * inline CSS, like the page a real bank shows during an aggregator's link flow, in the
 * reader's language (lib/sandbox/consent-language.ts).
 */
import type { ConsentText } from "./consent-language";
import type { SandboxAccount } from "./accounts";
import type { SandboxInstitution } from "./institutions";
import { SANDBOX_WRONG_PASSWORD } from "./institutions";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function maskAccountNumber(account: SandboxAccount): string {
  const number = account.iban ?? account.accountNumber;
  return account.iban ? `${number.slice(0, 4)} •••• ${number.slice(-4)}` : `•••• ${number.slice(-4)}`;
}

// The primary button comes first in the markup so that Enter submits it; CSS shows it on the right.
const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f1f5f9;font:16px/1.5 system-ui,sans-serif;color:#0f172a}
  main{width:min(28rem,100% - 2rem);background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002;padding:2rem}
  header{display:flex;gap:.75rem;align-items:center;margin-bottom:1rem}
  h1{font-size:1.25rem;margin:0}
  .eyebrow{margin:0;font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#64748b}
  label{display:block;font-weight:600;margin-top:1rem}
  input[type=text],input[type=password]{width:100%;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:8px;font:inherit;margin-top:.25rem}
  fieldset{border:1px solid #e2e8f0;border-radius:8px;padding:.5rem 1rem 1rem;margin:1rem 0 0}
  .account{display:flex;gap:.75rem;align-items:flex-start;font-weight:400}
  .account small{display:block;color:#64748b}
  .actions{display:flex;flex-direction:row-reverse;gap:.75rem;margin-top:1.5rem}
  button{flex:1;padding:.6rem 1rem;border-radius:8px;border:1px solid #cbd5e1;background:#fff;font:inherit;cursor:pointer}
  button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
  .error{background:#fef2f2;color:#991b1b;border-radius:8px;padding:.5rem .75rem}
  .hint{font-size:.875rem;color:#64748b;margin-top:1.5rem}
`;

function page(text: ConsentText, institution: SandboxInstitution | null, baseUrl: string, heading: string, content: string): string {
  const logo = institution ? `<img src="${escapeHtml(`${baseUrl}/logos/${institution.id}.svg`)}" alt="" width="40" height="40">` : "";
  return `<!doctype html>
<html lang="${text.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} · Sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>${logo}<div><p class="eyebrow">${escapeHtml(institution?.name ?? "Sandbox")} · OpenBankSync Sandbox</p><h1>${escapeHtml(heading)}</h1></div></header>
${content}
</main>
</body>
</html>`;
}

export function credentialsPage(text: ConsentText, input: {
  institution: SandboxInstitution;
  baseUrl: string;
  action: string;
  returnHost: string;
  username: string;
  /** Re-linking an existing connection: the login is fixed. */
  usernameLocked: boolean;
  error: string | null;
}): string {
  const { institution, username } = input;
  const { t } = text;
  return page(
    text,
    institution,
    input.baseUrl,
    t("signInTo", { bank: institution.name }),
    `<p>${escapeHtml(t("request"))} ${escapeHtml(t("returnTo"))} <strong>${escapeHtml(input.returnHost)}</strong>.</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ""}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="step" value="credentials">
<label for="username">${escapeHtml(t("username"))}</label>
<input type="text" id="username" name="username" autocomplete="username" required value="${escapeHtml(username)}"${input.usernameLocked ? " readonly" : ""}>
<label for="password">${escapeHtml(t("password"))}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit" name="action" value="continue" class="primary">${escapeHtml(t("continue"))}</button>
<button type="submit" name="action" value="refuse" formnovalidate>${escapeHtml(t("refuse"))}</button>
</div>
</form>
<p class="hint">${escapeHtml(t("hint"))} <code>${SANDBOX_WRONG_PASSWORD}</code></p>`,
  );
}

export function accountsPage(text: ConsentText, input: {
  institution: SandboxInstitution;
  baseUrl: string;
  action: string;
  username: string;
  grant: string;
  accounts: SandboxAccount[];
}): string {
  const rows = input.accounts
    .map(
      (account) => `<label class="account"><input type="checkbox" name="account" value="${escapeHtml(account.id)}" checked>
<span>${escapeHtml(account.name)}<small>${escapeHtml(maskAccountNumber(account))} · ${escapeHtml(account.currency)}</small></span></label>`,
    )
    .join("\n");
  const { t } = text;
  return page(
    text,
    input.institution,
    input.baseUrl,
    t("allowTitle"),
    `<p>${escapeHtml(t("signedInAs"))} <strong>${escapeHtml(input.username)}</strong>. ${escapeHtml(t("chooseAccounts"))}</p>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="step" value="accounts">
<input type="hidden" name="grant" value="${escapeHtml(input.grant)}">
<fieldset><legend>${escapeHtml(t("accounts"))}</legend>
${rows}
</fieldset>
<div class="actions">
<button type="submit" name="action" value="allow" class="primary">${escapeHtml(t("allow"))}</button>
<button type="submit" name="action" value="refuse">${escapeHtml(t("refuse"))}</button>
</div>
</form>`,
  );
}

export function messagePage(text: ConsentText, baseUrl: string, heading: string, message: string): string {
  return page(text, null, baseUrl, heading, `<p>${escapeHtml(message)}</p>`);
}
