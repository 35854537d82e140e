/** Why lines are shown together as possible duplicates, in the words the pages use. */
export const DUPLICATE_REASONS = ["online_id", "fingerprint", "pending_twin"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const REASON_LABELS: Record<DuplicateReason, string> = {
  online_id: "Same online id",
  fingerprint: "Same amount, currency and date",
  pending_twin: "Pending twin",
};
