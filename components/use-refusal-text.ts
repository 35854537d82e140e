"use client";

import { useTranslations } from "next-intl";
import type { StoredMessageKey } from "@/lib/i18n/stored-message";

/**
 * A form's message in the reader's language: the browser's own zod check gives a
 * storedMessages key (lib/i18n/refusal), the server action's answer arrives already said.
 */
export function useRefusalText(): (message: string | undefined) => string | undefined {
  const t = useTranslations("storedMessages");
  return (message) => (message !== undefined && t.has(message as StoredMessageKey) ? t(message as StoredMessageKey) : message);
}
