/**
 * Salt Edge callbacks (success, fail, notify, interactive, destroy): POSTed JSON with a
 * `Signature` header, base64 RSA-SHA256 over "callback_url|body" with Salt Edge's key.
 * We register one URL for every kind (SALTEDGE_CALLBACK_URL), so the kind is read from the
 * body: `error_class` is a fail, the `interactive` stage asks the user for a code, the
 * `finish` stage is a success with new data, another stage is a progress notify, and a
 * body with no stage at all is a destroy (the connection was removed at Salt Edge).
 */
import { InvalidWebhook } from "@/lib/providers/errors";
import type { ProviderWebhook, ProviderWebhookKind } from "@/lib/providers/types";
import { publicKeyOf, verifyCallbackSignature } from "./signature";
import { callbackJson, type CallbackJson } from "./types";

const LOGIN_FAILURES = new Set(["InvalidCredentials", "ConsentExpired", "ConsentRevoked", "ConnectionDisabled", "ConnectionInactive"]);

export type CallbackType = "success" | "fail" | "notify" | "interactive" | "destroy";

export function callbackType(data: CallbackJson["data"]): CallbackType {
  if (data.error_class) return "fail";
  if (data.stage === "interactive" || (data.interactive_fields_names?.length ?? 0) > 0) return "interactive";
  if (data.stage === "finish") return "success";
  if (data.stage) return "notify";
  return "destroy";
}

function kindOf(type: CallbackType, data: CallbackJson["data"]): ProviderWebhookKind {
  switch (type) {
    case "success":
      return "transactions_available";
    case "interactive":
      return "login_required";
    case "fail":
      return LOGIN_FAILURES.has(data.error_class ?? "") ? "login_required" : "other";
    default:
      return "other";
  }
}

export function verifySaltEdgeCallback(
  config: { callbackPublicKey: string | null; callbackUrl: string | null },
  headers: Headers,
  rawBody: string,
): ProviderWebhook {
  if (!config.callbackPublicKey || !config.callbackUrl) {
    throw new InvalidWebhook({ message: "Salt Edge callbacks cannot be verified: set SALTEDGE_PUBLIC_KEY and SALTEDGE_CALLBACK_URL (or WEBHOOK_PUBLIC_URL)." });
  }
  const signature = headers.get("signature")?.trim() ?? "";
  if (!signature || !verifyCallbackSignature(publicKeyOf(config.callbackPublicKey), config.callbackUrl, rawBody, signature)) {
    throw new InvalidWebhook({ message: "The Salt Edge callback signature does not match its body." });
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new InvalidWebhook({ message: "The Salt Edge callback body is not JSON." });
  }
  const parsed = callbackJson.safeParse(body);
  if (!parsed.success) throw new InvalidWebhook({ message: "The body is not a Salt Edge callback." });
  const { data, meta } = parsed.data;
  const occurredAt = new Date(meta.time);
  if (Number.isNaN(occurredAt.getTime())) throw new InvalidWebhook({ message: "The Salt Edge callback has no valid time." });
  const type = callbackType(data);
  return {
    provider: "saltedge",
    // Salt Edge gives a delivery no id; one connection's callback of one kind and stage at one time is one delivery.
    id: `${data.connection_id}:${type}:${data.stage ?? data.error_class ?? ""}:${meta.time}`,
    kind: kindOf(type, data),
    providerType: type,
    connectionRef: data.connection_id,
    occurredAt,
    providerAccountIds: [],
  };
}
