/** Why lines are shown together as possible duplicates (the pages name them through the catalogue). */
export const DUPLICATE_REASONS = ["online_id", "fingerprint", "pending_twin"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

