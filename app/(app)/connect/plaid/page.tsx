/**
 * Opens Plaid Link, Plaid's consent widget, for a connection started on the Connect bank
 * page or by Update Credentials (the Plaid adapter sends the browser here with a link token
 * and our single-use state). Link's answer goes to /connect/callback like any provider's.
 */
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireMembership } from "@/lib/auth/membership";
import { PlaidLink } from "./plaid-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plaid"))("title") };
}

const paramsSchema = z.object({
  link_token: z.string().regex(/^link-[a-z]+-[0-9a-f-]{36}$/).optional(),
  state: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/).optional(),
  mode: z.enum(["new", "update"]).optional(),
  // Present when the bank's OAuth page sends the user back here to finish Link.
  oauth_state_id: z.string().max(200).optional(),
});

export default async function PlaidLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireMembership();
  const params = paramsSchema.safeParse(await searchParams);
  const t = await getTranslations("plaid");
  const valid = params.success && ((params.data.link_token && params.data.state) || params.data.oauth_state_id);
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {valid ? (
        <PlaidLink linkToken={params.data.link_token ?? null} state={params.data.state ?? null} mode={params.data.mode ?? "new"} />
      ) : (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {t("invalidLink")}
        </p>
      )}
    </div>
  );
}
