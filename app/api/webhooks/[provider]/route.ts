/**
 * Provider webhooks by name (lib/webhooks/answer). The providers that send webhooks have a
 * route of their own beside this one (a static segment wins): the same handler, without
 * Next matching a dynamic segment on every delivery.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { answerWebhook } from "@/lib/webhooks/answer";

const paramsSchema = z.object({ provider: z.string().regex(/^[a-z_]{2,30}$/) });

export async function POST(request: Request, context: { params: Promise<{ provider: string }> }) {
  const params = paramsSchema.safeParse(await context.params);
  if (!params.success) return NextResponse.json({ error: "Unknown provider." }, { status: 404 });
  return answerWebhook(request, params.data.provider);
}
