/**
 * Polled by pages that show a running synchronization (components/live-run): the newest
 * run of each asked connection of the signed-in user's company, until it ends. A failed
 * run's sentence comes in the reader's language, as do this route's own refusals.
 */
import type { NextRequest } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { latestRuns } from "@/lib/sync/latest-runs";

/** A dashboard shows at most a few hundred connections; one request asks for them all. */
const MAX_CONNECTIONS = 500;

const query = z.object({ connection: z.array(z.uuid()).min(1).max(MAX_CONNECTIONS) });

export async function GET(request: NextRequest) {
  const t = await getTranslations("syncStatus");
  const membership = await currentMembership();
  if (!membership) return Response.json({ error: t("signIn") }, { status: 401 });
  const parsed = query.safeParse({ connection: request.nextUrl.searchParams.getAll("connection") });
  if (!parsed.success) return Response.json({ error: t("badConnections", { max: MAX_CONNECTIONS }) }, { status: 400 });
  // Scoped to the company: another company's connection is simply not found.
  const runs = await latestRuns(db, membership.companyId, [...new Set(parsed.data.connection)], await getLocale());
  return Response.json({ runs }, { headers: { "Cache-Control": "no-store" } });
}
