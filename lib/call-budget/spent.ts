/**
 * A run stopped by our own count of the bank's daily calls: a rate limit like the bank's,
 * carrying its sentence as a catalogue message so the run's error reads in each reader's language.
 */
import { englishText, type StoredMessage } from "@/lib/i18n/stored-message";
import { RateLimited } from "@/lib/providers/errors";

export class CallBudgetSpent extends RateLimited {
  constructor(retryAfter: Date, readonly text: StoredMessage) {
    super(retryAfter, { providerCode: "call_budget", message: englishText(text) });
  }
}
