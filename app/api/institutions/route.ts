/** Institution search for the Connect bank page, answered as the user types. */
import { NextResponse } from "next/server";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { issueRefusal } from "@/lib/i18n/refusal";
import { renderStoredMessage, storedMessage, type StoredMessageKey } from "@/lib/i18n/stored-message";
import { searchInstitutions } from "@/lib/institutions/search";

const querySchema = z.object({
  q: z.string().trim().max(100, "refusals.searchTooLong" satisfies StoredMessageKey).default(""),
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, "refusals.countryInvalid" satisfies StoredMessageKey).optional().or(z.literal("").transform(() => undefined)),
});

export async function GET(request: Request) {
  const membership = await currentMembership();
  if (!membership) return NextResponse.json({ error: renderStoredMessage(storedMessage("refusals.signInFirst"), await getLocale()) }, { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) return NextResponse.json({ error: renderStoredMessage(issueRefusal(parsed.error), await getLocale()) }, { status: 400 });
  const results = await searchInstitutions(db, { query: parsed.data.q, country: parsed.data.country });
  return NextResponse.json({ results });
}
