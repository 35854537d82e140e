/** "1 transaction" / "3 transactions", for messages; pure, so the browser can use it too. */
export function countLines(count: number): string {
  return count === 1 ? "1 transaction" : `${count} transactions`;
}
