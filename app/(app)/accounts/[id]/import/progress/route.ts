/** Polled by the import page while a file is parsed: how many lines are read so far. */
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { importProgress } from "@/lib/import/progress";

export async function GET(request: NextRequest) {
  const membership = await currentMembership();
  if (!membership) return Response.json({ error: "Sign in first." }, { status: 401 });
  const progress = await importProgress(db, membership.companyId, request.nextUrl.searchParams.get("importId") ?? "");
  // Until the upload's first bytes arrive there is no import yet: the page keeps polling.
  if (!progress) return Response.json({ status: "waiting", processedLines: 0, totalLines: 0, error: null }, { headers: { "Cache-Control": "no-store" } });
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
}
