/**
 * Marks a transaction the bank withdrew after we had imported it (a reversed card payment,
 * a line the bank corrected). The sync never deletes such a line, since it may already be
 * reconciled; this badge is how the user finds it to review.
 */
export function RemovedByBankBadge({ removedAt }: { removedAt: Date | null }) {
  if (!removedAt) return null;
  const when = removedAt.toISOString().slice(0, 10);
  return (
    <span
      className="ml-2 inline-block rounded bg-amber-50 px-2 py-0.5 align-middle text-xs font-medium text-amber-800"
      title={`The bank no longer lists this transaction (noticed on ${when}). It is kept here for review: delete it if it should not be in the books, or keep it if it is right.`}
    >
      Removed by the bank
    </span>
  );
}
