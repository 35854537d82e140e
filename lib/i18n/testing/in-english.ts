/**
 * For tests: a service's answer with every stored message replaced by its English text, so
 * a test states the sentence a reader would see rather than a key and parameters.
 */
import { englishText, hasKey, type StoredMessage } from "@/lib/i18n/stored-message";

export function inEnglish(value: unknown): unknown {
  if (isStoredMessage(value)) return englishText(value);
  if (Array.isArray(value)) return value.map(inEnglish);
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, inEnglish(inner)]));
  }
  return value;
}

function isStoredMessage(value: unknown): value is StoredMessage {
  if (typeof value !== "object" || value === null) return false;
  const names = Object.keys(value);
  const { key } = value as { key?: unknown };
  return typeof key === "string" && hasKey(key) && names.every((name) => name === "key" || name === "params");
}

/** The English of a refusal the test expects (it fails when the answer is not one). */
export function refusalText(result: { ok: boolean; error?: StoredMessage }): string {
  if (result.ok || !result.error) throw new Error(`Expected a refusal, got ${JSON.stringify(result)}`);
  return englishText(result.error);
}
