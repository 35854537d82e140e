import { useTranslations } from "next-intl";
import { SHOWN_STATES, type ShownState } from "@/lib/connections/status";

const TONES: Record<ShownState, string> = {
  active: "bg-emerald-50 text-emerald-800",
  waiting_mfa: "bg-amber-50 text-amber-800",
  error: "bg-red-50 text-red-800",
  disconnected: "bg-slate-100 text-slate-700",
  refused: "bg-amber-50 text-amber-800",
  pending: "bg-slate-100 text-slate-700",
  selecting_accounts: "bg-slate-100 text-slate-700",
};

function isShownState(state: string): state is ShownState {
  return (SHOWN_STATES as readonly string[]).includes(state);
}

export function StateBadge({ state }: { state: string }) {
  const t = useTranslations("connectionStates");
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${isShownState(state) ? TONES[state] : ""}`}>{isShownState(state) ? t(state) : state}</span>;
}
