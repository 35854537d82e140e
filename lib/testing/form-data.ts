/** A FormData as a browser would post it, for calling server actions directly in tests (a list repeats the field). */
export function formData(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  return data;
}
