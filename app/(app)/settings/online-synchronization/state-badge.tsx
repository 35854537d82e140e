const TONES: Record<string, string> = {
  active: "bg-emerald-50 text-emerald-800",
  waiting_mfa: "bg-amber-50 text-amber-800",
  error: "bg-red-50 text-red-800",
  disconnected: "bg-slate-100 text-slate-700",
  refused: "bg-amber-50 text-amber-800",
  pending: "bg-slate-100 text-slate-700",
  selecting_accounts: "bg-slate-100 text-slate-700",
};

export const STATE_LABELS: Record<string, string> = {
  active: "Active", waiting_mfa: "Waiting for security code", error: "Error", disconnected: "Disconnected",
  pending: "Consent not completed", selecting_accounts: "Selecting accounts", refused: "Consent refused",
};

export function StateBadge({ state }: { state: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[state] ?? ""}`}>{STATE_LABELS[state] ?? state}</span>;
}
