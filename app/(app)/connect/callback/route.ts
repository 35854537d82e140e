/** Where the provider sends the browser back after the consent page. */
import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { completeConnect } from "@/lib/connections/connect";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const membership = await currentMembership();
  if (!membership) {
    return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`, url));
  }
  const result = await completeConnect({ db }, { companyId: membership.companyId, userId: membership.userId }, url.searchParams);
  if (result.ok) return NextResponse.redirect(new URL(`/connect/${result.connectionId}/accounts`, url), 303);
  // The message is read back from the connection by id, so a crafted link cannot inject text.
  const target = result.connectionId ? `/connect?failed=${result.connectionId}` : "/connect?failed=state";
  return NextResponse.redirect(new URL(target, url), 303);
}
