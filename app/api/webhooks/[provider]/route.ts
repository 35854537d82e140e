/**
 * Provider webhooks: read up to a byte limit, verified, recorded once, answered at once;
 * the work runs in the background.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { currentEngine } from "@/lib/background/engine";
import { readBodyWithin } from "@/lib/http/read-body";
import { processWebhook } from "@/lib/webhooks/process";
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
    const event = result.event;
    if (currentEngine().kind === "inngest") {
      const { publishWebhook } = await import("@/inngest/send");
      await publishWebhook({ provider: params.data.provider, ...event });
    } else {
      // Answer now; the built-in engine does the work right after.
      setImmediate(() => {
        processWebhook({ db }, event).catch((error: unknown) => console.error("[webhooks] processing failed", error));
      });
    }
  }
  return NextResponse.json(result.body, { status: result.status });
}
