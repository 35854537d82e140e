import { getTranslations } from "next-intl/server";

/** The seed's warning for a bank its provider flags Beta: the connection works, but support is limited. */
export async function BetaNotice() {
  const t = await getTranslations("bankAccountCard");
  return <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">{t("betaWarning")}</p>;
}
