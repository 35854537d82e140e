/**
 * The endpoint Inngest calls to discover and run the functions. In production it refuses
 * to serve without INNGEST_SIGNING_KEY, and refuses dev mode (which skips signature checks).
 */
import { serve } from "inngest/next";
import { inngest, servingRefusal } from "@/inngest/client";
import { functions } from "@/inngest";

const handlers = serve({ client: inngest, functions });

type Handler = (typeof handlers)["GET"];

function guarded(handler: Handler): Handler {
  return async (request, context) => {
    const refusal = servingRefusal(inngest);
    if (refusal) {
      console.error(`[inngest] ${refusal}`);
      return Response.json({ error: "Background functions are not configured on this server." }, { status: 500 });
    }
    return handler(request, context);
  };
}

export const GET = guarded(handlers.GET);
export const POST = guarded(handlers.POST);
export const PUT = guarded(handlers.PUT);
