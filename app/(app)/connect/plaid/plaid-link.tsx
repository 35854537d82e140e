"use client";
/**
 * Loads Plaid Link from Plaid's CDN (Plaid requires it to be loaded from there) and opens
 * it with the link token; on success or exit, sends the browser to our callback with the
 * state. The token and state are kept in sessionStorage so that a bank's OAuth page that
 * returns here (with oauth_state_id) can resume the same Link session.
 */
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const LINK_SCRIPT = "https://cdn.plaid.com/link/v2/stable/link-initialize.js";
const STORAGE_KEY = "openbanksync.plaid-link";

type LinkError = { error_code?: string; error_message?: string; display_message?: string | null } | null;
type PlaidHandler = { open(): void; destroy(): void };
type PlaidFactory = {
  create(config: {
    token: string;
    receivedRedirectUri?: string;
    onSuccess(publicToken: string): void;
    onExit(error: LinkError): void;
  }): PlaidHandler;
};

type Session = { linkToken: string; state: string; mode: "new" | "update" };

function loadScript(): Promise<PlaidFactory> {
  const existing = (window as unknown as { Plaid?: PlaidFactory }).Plaid;
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = LINK_SCRIPT;
    script.async = true;
    script.onload = () => {
      const plaid = (window as unknown as { Plaid?: PlaidFactory }).Plaid;
      if (plaid) resolve(plaid);
      else reject(new Error("Plaid Link did not load"));
    };
    script.onerror = () => reject(new Error("Plaid Link could not be loaded"));
    document.head.appendChild(script);
  });
}

/**
 * Plaid's CDN is allowed by this page's Content-Security-Policy only (lib/security/headers.ts),
 * and a browser keeps the policy of the document it loaded first: reached by client-side
 * navigation (after "Connect"), the page must be loaded as a document of its own.
 */
function loadedAsThisDocument(): boolean {
  const [entry] = performance.getEntriesByType("navigation");
  return !entry || new URL(entry.name).pathname === window.location.pathname;
}

function callbackUrl(session: Session, result: Record<string, string>): string {
  const params = new URLSearchParams({ state: session.state, mode: session.mode, ...result });
  return `/connect/callback?${params.toString()}`;
}

export function PlaidLink(props: { linkToken: string | null; state: string | null; mode: "new" | "update" }) {
  const t = useTranslations("plaid");
  const [status, setStatus] = useState<"loading" | "open" | "failed">("loading");

  useEffect(() => {
    if (!loadedAsThisDocument()) {
      window.location.replace(window.location.href);
      return;
    }
    const oauthReturn = new URLSearchParams(window.location.search).has("oauth_state_id");
    let handler: PlaidHandler | null = null;
    let cancelled = false;
    const session = new Promise<Session>((resolve, reject) => {
      if (props.linkToken && props.state) {
        const fresh: Session = { linkToken: props.linkToken, state: props.state, mode: props.mode };
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fresh));
        resolve(fresh);
        return;
      }
      const stored = oauthReturn ? sessionStorage.getItem(STORAGE_KEY) : null;
      if (stored) resolve(JSON.parse(stored) as Session);
      else reject(new Error("No Plaid Link session to resume"));
    });
    Promise.all([session, loadScript()])
      .then(([current, plaid]) => {
        if (cancelled) return;
        const leave = (result: Record<string, string>) => {
          sessionStorage.removeItem(STORAGE_KEY);
          window.location.assign(callbackUrl(current, result));
        };
        handler = plaid.create({
          token: current.linkToken,
          ...(oauthReturn ? { receivedRedirectUri: window.location.href } : {}),
          onSuccess: (publicToken) => leave({ public_token: publicToken }),
          onExit: (error) =>
            leave(error?.error_code
              ? { error: error.error_code, error_message: error.display_message ?? error.error_message ?? "" }
              : { error: "USER_EXIT" }),
        });
        handler.open();
        setStatus("open");
      })
      .catch(() => {
        if (!cancelled) setStatus("failed");
      });
    return () => {
      cancelled = true;
      handler?.destroy();
    };
  }, [props.linkToken, props.state, props.mode]);

  if (status === "failed") {
    return (
      <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
        {t("couldNotOpen")}
      </p>
    );
  }
  return <p className="mt-4 text-sm text-slate-600" aria-live="polite">{status === "loading" ? t("opening") : t("continueInWindow")}</p>;
}
