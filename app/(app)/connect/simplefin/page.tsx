/**
 * Where a SimpleFIN connection gets its setup token. SimpleFIN has no consent page to send
 * the browser to: the user creates a token at SimpleFIN Bridge (choosing banks and accounts
 * there) and pastes it here. The SimpleFIN adapter sends the browser here with our
 * single-use state, from Connect bank or from Update Credentials / Reconnect.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireMembership } from "@/lib/auth/membership";
import { simpleFinConfig } from "@/lib/providers/simplefin/config";
import { SetupTokenForm } from "./setup-token-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("simplefin"))("title") };
}

const paramsSchema = z.object({
  state: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
  mode: z.enum(["new", "update"]).optional(),
});

export default async function SimpleFinPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireMembership();
  const params = paramsSchema.safeParse(await searchParams);
  // From configuration, never from the query string: a crafted link must not choose where users go.
  const createUrl = `${simpleFinConfig().bridgeUrl}/create`;
  const t = await getTranslations("simplefin");
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {params.success ? (
        <>
          <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>
              {t.rich("step1", {
                update: params.data.mode === "update" ? "yes" : "no",
                link: (chunks) => <a href={createUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">{chunks}</a>,
              })}
            </li>
            <li>{t("step2")}</li>
          </ol>
          <SetupTokenForm state={params.data.state} />
        </>
      ) : (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {t.rich("invalidLink", { link: (chunks) => <Link href="/connect" className="underline">{chunks}</Link> })}
        </p>
      )}
    </div>
  );
}
