/** Institution search for the Connect bank page, answered as the user types. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentMembership } from "@/lib/auth/membership";
import { searchInstitutions } from "@/lib/institutions/search";

const querySchema = z.object({
  q: z.string().trim().max(100, "The search is too long.").default(""),
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, "Country must be a two-letter code.").optional().or(z.literal("").transform(() => undefined)),
});

export async function GET(request: Request) {
  const membership = await currentMembership();
  if (!membership) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]?.message }, { status: 400 });
  const results = await searchInstitutions(db, { query: parsed.data.q, country: parsed.data.country });
  return NextResponse.json({ results });
}
