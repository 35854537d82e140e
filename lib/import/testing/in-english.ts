/** A service's answer with its refusal as the English text, for tests that assert the wording. */
import { englishText, type StoredMessage } from "@/lib/i18n/stored-message";

export function inEnglish<T extends { ok: boolean }>(result: T): T | { ok: false; error: string } {
  if (result.ok || !("error" in result)) return result;
  return { ok: false, error: englishText(result.error as StoredMessage) };
}

/** The English of a refusal the test expects (it fails when the answer is not one). */
export function refusalText(result: { ok: boolean; error?: StoredMessage }): string {
  if (result.ok || !result.error) throw new Error(`Expected a refusal, got ${JSON.stringify(result)}`);
  return englishText(result.error);
}
