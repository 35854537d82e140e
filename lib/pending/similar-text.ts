/**
 * Whether a pending line's text and a posted line's text describe the same payment. Banks
 * reword a line when it posts (a card terminal id appears, case changes, a reference is
 * added), so this compares words, not strings.
 */

/** Lower case, digits and punctuation gone, spaces collapsed: what stays when a bank rewords a line. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[0-9]+/g, " ")
    .replace(/[^\p{L}]+/gu, " ")
    .trim()
    .replace(/\s+/g, " ");
}

function words(normalized: string): Set<string> {
  return new Set(normalized.split(" ").filter((word) => word.length >= 2));
}

/**
 * 2: the same text once normalized; 1: one contains the other, or they share at least
 * half the words of the shorter one; 0: not similar.
 */
export function textSimilarity(a: string, b: string): 0 | 1 | 2 {
  const left = normalizeText(a);
  const right = normalizeText(b);
  if (left === right) return 2;
  if (left.length === 0 || right.length === 0) return 0;
  if (left.includes(right) || right.includes(left)) return 1;
  const leftWords = words(left);
  const rightWords = words(right);
  const shorter = leftWords.size <= rightWords.size ? leftWords : rightWords;
  const longer = shorter === leftWords ? rightWords : leftWords;
  if (shorter.size === 0) return 0;
  let shared = 0;
  for (const word of shorter) if (longer.has(word)) shared += 1;
  return shared * 2 >= shorter.size ? 1 : 0;
}
