/** The account's file downloads (Export CSV, Export statement) refuse as plain text the browser shows, in the reader's language. */
import { getLocale } from "next-intl/server";
import { renderStoredMessage, type StoredMessage } from "@/lib/i18n/stored-message";

export async function plainRefusal(message: StoredMessage, status: number): Promise<Response> {
  return new Response(renderStoredMessage(message, await getLocale()), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
