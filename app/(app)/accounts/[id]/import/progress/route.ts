/** Polled by the import page while a file is parsed: how many lines are read so far. */
import type { NextRequest } from "next/server";
import { getLocale } from "next-intl/server";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { importProgress } from "@/lib/import/progress";
import { renderStoredMessage, showStored, storedMessage } from "@/lib/i18n/stored-message";

export async function GET(request: NextRequest) {
  const membership = await currentMembership();
  const locale = await getLocale();
  if (!membership) return Response.json({ error: renderStoredMessage(storedMessage("statementFile.signInFirst"), locale) }, { status: 401 });
  const progress = await importProgress(db, membership.companyId, request.nextUrl.searchParams.get("importId") ?? "");
  // Until the upload's first bytes arrive there is no import yet: the page keeps polling.
  if (!progress) return Response.json({ status: "waiting", processedLines: 0, totalLines: 0, error: null }, { headers: { "Cache-Control": "no-store" } });
  const { status, processedLines, totalLines } = progress;
  const error = showStored({ text: progress.error, key: progress.errorKey, params: progress.errorParams }, locale);
  return Response.json({ status, processedLines, totalLines, error }, { headers: { "Cache-Control": "no-store" } });
}
