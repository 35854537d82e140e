/** Salt Edge's webhooks: the handler of /api/webhooks/[provider] (lib/webhooks/answer), on a static path. */
import { answerWebhook } from "@/lib/webhooks/answer";

export function POST(request: Request) {
  return answerWebhook(request, "saltedge");
}
