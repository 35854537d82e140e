import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { listApiKeys } from "@/lib/api/keys";
import { formatUtcMinute } from "@/lib/dates";
import { CreateApiKeyForm } from "./create-key-form";
import { RevokeApiKeyButton } from "./revoke-key-button";

/** Settings → API keys (admins): keys for the REST API, by name, scope and last use. */
export async function ApiKeysSection({ companyId }: { companyId: string }) {
  const keys = await listApiKeys(db, companyId);
  const t = await getTranslations("apiKeys");
  return (
    <section aria-labelledby="api-keys-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
      <h2 id="api-keys-heading" className="text-lg font-medium">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("intro", { link: (chunks) => <Link href="/api/v1/docs" className="text-brand-700 hover:underline">{chunks}</Link> })}
      </p>
      <CreateApiKeyForm />
      {keys.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">{t("none")}</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr><th className="py-1">{t("name")}</th><th>{t("key")}</th><th>{t("scope")}</th><th>{t("created")}</th><th>{t("lastUsed")}</th><th /></tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} className="border-t border-slate-100">
                <td className="py-2">{key.name}</td>
                <td className="font-mono">{key.prefix}…</td>
                <td>{key.scope === "read_sync" ? "read+sync" : "read"}</td>
                <td>{key.createdBy ? t("createdBy", { created: formatUtcMinute(key.createdAt), user: key.createdBy }) : formatUtcMinute(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatUtcMinute(key.lastUsedAt) : t("never")}</td>
                <td className="text-right">
                  {key.revokedAt ? <span className="text-slate-500">{t("revoked", { at: formatUtcMinute(key.revokedAt) })}</span> : <RevokeApiKeyButton keyId={key.id} name={key.name} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
