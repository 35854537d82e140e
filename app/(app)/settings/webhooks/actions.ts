"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { db } from "@/db/client";
import { requireMembership } from "@/lib/auth/membership";
import { renderStoredMessage } from "@/lib/i18n/stored-message";
import { registerWebhookEndpoint, removeWebhookEndpoint, updateWebhookEvents } from "@/lib/outgoing-webhooks/endpoints";
import { sendTestWebhook } from "@/lib/outgoing-webhooks/test-event";

export type RegisterEndpointState = { ok: true; endpointId: string; secret: string } | { ok: false; error: string } | null;
export type EndpointActionState = { ok: boolean; message: string } | null;

/** Settings → Webhooks → Add: the signing secret comes back once. */
export async function registerEndpointAction(_previous: RegisterEndpointState, formData: FormData): Promise<RegisterEndpointState> {
  const membership = await requireMembership();
  const events = formData.getAll("events");
  if (events.length === 0) return { ok: false, error: (await getTranslations("webhooks"))("chooseEvent") };
  const result = await registerWebhookEndpoint(db, membership, { url: formData.get("url"), events });
  if (!result.ok) return { ok: false, error: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath("/settings");
  return result;
}

/** Settings → Webhooks → an endpoint's "Save events". */
export async function updateEventsAction(_previous: EndpointActionState, formData: FormData): Promise<EndpointActionState> {
  const membership = await requireMembership();
  const t = await getTranslations("webhooks");
  const events = formData.getAll("events");
  if (events.length === 0) return { ok: false, message: t("chooseEvent") };
  const result = await updateWebhookEvents(db, membership, { endpointId: formData.get("endpointId"), events });
  if (!result.ok) return { ok: false, message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath("/settings");
  return { ok: true, message: t("eventsSaved") };
}

export async function sendTestEventAction(_previous: EndpointActionState, formData: FormData): Promise<EndpointActionState> {
  const membership = await requireMembership();
  const result = await sendTestWebhook(db, membership, formData.get("endpointId"));
  revalidatePath("/settings");
  return { ok: result.ok, message: renderStoredMessage(result.message, await getLocale()) };
}

export async function removeEndpointAction(_previous: EndpointActionState, formData: FormData): Promise<EndpointActionState> {
  const membership = await requireMembership();
  const result = await removeWebhookEndpoint(db, membership, formData.get("endpointId"));
  if (!result.ok) return { ok: false, message: renderStoredMessage(result.error, await getLocale()) };
  revalidatePath("/settings");
  return { ok: true, message: (await getTranslations("webhooks"))("removed") };
}
