/**
 * Provider webhooks: read up to a byte limit, verified, recorded once, answered at once;
 * what the delivery asks for runs after the answer (Next's `after`).
 */
import { after, NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { readBodyWithin } from "@/lib/http/read-body";
import { handOnWebhook } from "@/lib/webhooks/process";
import { receiveWebhook } from "@/lib/webhooks/intake";

const paramsSchema = z.object({ provider: z.string().regex(/^[a-z_]{2,30}$/) });
const MAX_BODY_BYTES = 256 * 1024;

export async function POST(request: Request, context: { params: Promise<{ provider: string }> }) {
  const params = paramsSchema.safeParse(await context.params);
  if (!params.success) return NextResponse.json({ error: "Unknown provider." }, { status: 404 });
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (!body.ok) return NextResponse.json({ error: "Body too large." }, { status: 413 });
  const result = await receiveWebhook({ db }, { providerName: params.data.provider, headers: request.headers, rawBody: body.text });
  if (result.status === 202) {
    const event = { provider: params.data.provider, ...result.event };
    after(() => handOnWebhook({ db }, event));
  }
  return NextResponse.json(result.body, { status: result.status });
}
