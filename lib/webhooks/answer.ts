/**
 * The HTTP side of provider webhooks, shared by /api/webhooks/[provider] and the routes of
 * the providers that send webhooks: read up to a byte limit, verified, recorded once,
 * answered at once; what the delivery asks for runs after the answer.
 */
import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { readBodyWithin } from "@/lib/http/read-body";
import { afterAnswer } from "./after-answer";
import { receiveWebhook } from "./intake";
import { handOnWebhook } from "./process";

const MAX_BODY_BYTES = 256 * 1024;

export async function answerWebhook(request: Request, providerName: string): Promise<Response> {
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (!body.ok) return NextResponse.json({ error: "Body too large." }, { status: 413 });
  const result = await receiveWebhook({ db }, { providerName, headers: request.headers, rawBody: body.text });
  if (result.status === 202) {
    const event = { provider: providerName, ...result.event };
    afterAnswer(() => handOnWebhook({ db }, event));
  }
  return NextResponse.json(result.body, { status: result.status });
}
