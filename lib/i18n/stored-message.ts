/**
 * Sentences that lib/ writes to the database (connection log lines, sync run errors) and
 * returns from services: stored as a key of the "storedMessages" catalogue namespace with
 * its parameters, and rendered in the reader's language when shown. The English text is
 * stored beside it for the API, exports and tests, and is what rows written before keys
 * existed show. Parameters named `...Date` hold ISO dates and `...At` ISO instants: the
 * reader sees them as lib/dates.ts formats them, the stored English keeps them as written
 * (2025-06-15, 2025-06-15 11:00 UTC). Parameters named `...Money` hold an amount and its
 * currency (moneyParam): formatted by lib/money.ts for the reader, never rounded, and in
 * its English form in the stored text. A parameter may itself be a stored message.
 */
import { createTranslator, type MessageKeys, type NestedKeyOf } from "use-intl/core";
import { formatDate, formatDateTime, formatUtcMinute } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { catalogue, type Messages } from "./catalogue";
import type { Locale } from "./locales";

export type StoredMessageKey = MessageKeys<Messages["storedMessages"], NestedKeyOf<Messages["storedMessages"]>>;
type Param = string | number | StoredMessage;
export type StoredMessage = { key: StoredMessageKey; params?: Record<string, Param> };

export function storedMessage(key: StoredMessageKey, params?: Record<string, Param>): StoredMessage {
  return params ? { key, params } : { key };
}

/** A `...Money` parameter: the decimal amount and its currency, as "-250000.50 IDR". */
export function moneyParam(amount: string, currency: string): string {
  return `${amount.trim()} ${currency}`;
}

/** The stored English text: what the `message` / `error_message` columns hold. */
export function englishText(message: StoredMessage): string {
  return render(message, "en", false);
}

/** The sentence in the reader's language. */
export function renderStoredMessage(message: StoredMessage, locale: Locale): string {
  return render(message, locale, true);
}

/**
 * A row's sentence for the reader: its key rendered in their language, or its English
 * text when it has no key (written before keys, or a provider's own wording) or a key
 * this catalogue no longer has.
 */
export function showStored(row: { text: string | null; key: string | null; params: unknown }, locale: Locale): string | null {
  if (!row.key || !hasKey(row.key)) return row.text;
  return renderStoredMessage({ key: row.key, params: isParams(row.params) ? row.params : undefined }, locale);
}

/** The columns that store a message: its English text, key and parameters. */
export function storedColumns(message: StoredMessage): { text: string; key: string; params: Record<string, Param> | null } {
  return { text: englishText(message), key: message.key, params: message.params ?? null };
}

function render(message: StoredMessage, locale: Locale, forReader: boolean): string {
  const t = createTranslator({ locale, messages: catalogue(locale), namespace: "storedMessages" });
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    values[name] = typeof value === "object" ? render(value, locale, forReader) : formatParam(name, value, locale, forReader);
  }
  return t(message.key, values);
}

function formatParam(name: string, value: string | number, locale: Locale, forReader: boolean): string | number {
  if (typeof value !== "string") return value;
  if (name.endsWith("Date") && /^\d{4}-\d{2}-\d{2}$/.test(value)) return forReader ? formatDate(value, locale) : value;
  const money = name.endsWith("Money") ? /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(value) : null;
  if (money) return formatMoney(money[1]!, money[2]!, forReader ? locale : "en-US");
  if (name.endsWith("At") && !Number.isNaN(Date.parse(value))) {
    return forReader ? formatDateTime(new Date(value), locale) : formatUtcMinute(new Date(value));
  }
  return value;
}

export function hasKey(key: string): key is StoredMessageKey {
  let node: unknown = catalogue("en").storedMessages;
  for (const part of key.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string";
}

function isParams(value: unknown): value is Record<string, Param> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
