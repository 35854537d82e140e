import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ConnectionAttempt } from "@/lib/connections/attempts";
import { formatUtcMinute } from "@/lib/dates";
import { providerLabel } from "@/lib/providers/catalog";
import { ReconsentForm } from "./[connectionId]/connection-actions";
import { StateBadge } from "./state-badge";

/** Consents refused or abandoned at the bank, apart from the connections: they synchronize nothing until connected again. */
export async function ConnectionAttempts({ attempts }: { attempts: ConnectionAttempt[] }) {
  if (attempts.length === 0) return null;
  const t = await getTranslations("connectionAttempts");
  return (
    <section aria-labelledby="attempts-heading" className="mt-10">
      <h2 id="attempts-heading" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4">{t("institution")}</th><th className="pr-4">{t("provider")}</th><th className="pr-4">{t("state")}</th>
              <th className="pr-4">{t("automaticSynchronization")}</th><th className="pr-4">{t("attempted")}</th><th className="pr-4">{t("clientId")}</th><th />
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={a.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4"><Link href={`/settings/online-synchronization/${a.id}`} className="font-medium text-brand-700 hover:underline">{a.institution}</Link></td>
                <td className="pr-4">{providerLabel(a.provider)}</td>
                <td className="pr-4"><StateBadge state={a.state} /></td>
                {/* An attempt has no consent, so nothing can synchronize it, whatever its row once said. */}
                <td className="pr-4">{t("off")}</td>
                <td className="pr-4">{formatUtcMinute(a.attemptedAt)}</td>
                <td className="pr-4"><code className="text-xs">{a.clientId}</code></td>
                <td className="py-1"><ReconsentForm connectionId={a.id} reason="reconnect" label={t("connectAgain")} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
