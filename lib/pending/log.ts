/** The connection log's line when pending lines posted during a sync. */
export function pendingPostedMessage(count: number): string {
  return count === 1 ? "1 pending transaction posted." : `${count} pending transactions posted.`;
}
